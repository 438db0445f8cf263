import type { TaskCreate } from '@tasks/shared';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/api/api-error';
import NewTaskForm from './NewTaskForm.svelte';

const field = () => screen.getByLabelText('New task') as HTMLInputElement;

async function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await fireEvent.input(input, { target: { value } });
}

describe('NewTaskForm', () => {
  it('adds the trimmed title on Enter and clears the field', async () => {
    const onadd = vi.fn(async (_input: TaskCreate) => undefined);
    render(NewTaskForm, { onadd });
    await type(field(), '  Buy milk  ');
    await fireEvent.submit(field().form!);
    expect(onadd).toHaveBeenCalledWith({ title: 'Buy milk' });
    expect(field().value).toBe('');
  });

  it('ignores an empty or blank title', async () => {
    const onadd = vi.fn(async () => undefined);
    render(NewTaskForm, { onadd });
    await type(field(), '   ');
    await fireEvent.submit(field().form!);
    expect(onadd).not.toHaveBeenCalled();
  });

  it('sends the options when they are open', async () => {
    const onadd = vi.fn(async (_input: TaskCreate) => undefined);
    render(NewTaskForm, { onadd });
    await fireEvent.click(screen.getByRole('button', { name: 'Options' }));
    expect(screen.getByRole('button', { name: 'Options' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    await type(field(), 'Pay rent');
    await type(screen.getByLabelText('Description') as HTMLTextAreaElement, 'Before the 5th');
    await fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'High' } });
    await type(screen.getByLabelText('Tags') as HTMLInputElement, 'Home, money');
    await fireEvent.submit(field().form!);
    expect(onadd).toHaveBeenCalledWith({
      title: 'Pay rent',
      description: 'Before the 5th',
      priority: 'High',
      due_at: null,
      tags: ['home', 'money'],
    });
  });

  it('puts the text back and shows the refusal beside the field', async () => {
    const refusal = new ApiError({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: [{ path: 'title', message: 'Title is at most 200 characters' }],
    });
    render(NewTaskForm, { onadd: async () => refusal });
    await type(field(), 'Too long');
    await fireEvent.submit(field().form!);
    await vi.waitFor(() => expect(field().value).toBe('Too long'));
    expect(screen.getByText('Title is at most 200 characters')).toBeTruthy();
    expect(field().getAttribute('aria-invalid')).toBe('true');
  });
});
