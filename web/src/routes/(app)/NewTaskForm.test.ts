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
    await vi.waitFor(() => expect(onadd).toHaveBeenCalledWith({ title: 'Buy milk' }));
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
    expect((screen.getByLabelText(/^Time/) as HTMLInputElement).disabled).toBe(true);
    await type(screen.getByLabelText('Due date') as HTMLInputElement, '2027-01-05');
    await type(screen.getByLabelText(/^Time/) as HTMLInputElement, '09:30');
    await fireEvent.submit(field().form!);
    await vi.waitFor(() => expect(onadd).toHaveBeenCalled());
    expect(onadd).toHaveBeenCalledWith({
      title: 'Pay rent',
      description: 'Before the 5th',
      priority: 'High',
      tags: ['home', 'money'],
      due_date: '2027-01-05',
      due_time: '09:30',
    });
  });

  it('shows what it understood as chips, and a removed chip stays in the title', async () => {
    const onadd = vi.fn(async (_input: TaskCreate) => undefined);
    render(NewTaskForm, { onadd, timeZone: 'Europe/London' });
    await type(field(), 'Water plants every 3 days #home !high');
    const chips = await screen.findByRole('list', { name: 'Understood from the title' });
    expect(chips.textContent).toMatch(/Repeats every 3 days.*#home.*High priority/s);
    expect(screen.getByText(/^Understood: Repeats every 3 days/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: /^Remove High priority/ }));
    expect(screen.getByText('Removed High priority; “!high” stays in the title.')).toBeTruthy();
    // Focus moves on to the next chip's button (none: back to the field).
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Remove #home/ }));
    await fireEvent.keyDown(document.activeElement!, { key: 'Delete' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Remove Repeats/ }));
    await fireEvent.submit(field().form!);
    await vi.waitFor(() => expect(onadd).toHaveBeenCalled());
    expect(onadd.mock.calls[0]![0]).toMatchObject({
      title: 'Water plants #home !high',
      recurrence: { rrule: 'FREQ=DAILY;INTERVAL=3', repeat_from: 'due' },
    });
  });

  it('refuses a text that is only a date', async () => {
    const onadd = vi.fn(async () => undefined);
    render(NewTaskForm, { onadd });
    await type(field(), 'tomorrow');
    await fireEvent.submit(field().form!);
    expect(await screen.findByText('Give the task a title as well')).toBeTruthy();
    expect(onadd).not.toHaveBeenCalled();
  });

  it('repeats the task as picked, previewing the next five', async () => {
    const onadd = vi.fn(async (_input: TaskCreate) => undefined);
    render(NewTaskForm, { onadd, timeZone: 'Europe/London' });
    await fireEvent.click(screen.getByRole('button', { name: 'Options' }));
    await type(field(), 'Gym');
    await type(screen.getByLabelText('Due date') as HTMLInputElement, '2027-01-05'); // a Tuesday
    await fireEvent.click(screen.getByRole('button', { name: 'Repeat…' }));
    // The picker's code loads on "Repeat…": wait for it as long as a slow machine needs.
    const preset = (await screen.findByLabelText(
      'Repeats',
      {},
      { timeout: 10_000 },
    )) as HTMLSelectElement;
    await fireEvent.change(preset, { target: { value: 'weekly' } });
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Thursday' }));
    const next = screen.getByRole('list', { name: /^The next 5 after/ });
    expect(next.querySelectorAll('li')).toHaveLength(5);
    expect(next.textContent).toMatch(/Jan 7.*Jan 12.*Jan 14.*Jan 19.*Jan 21/s);
    await fireEvent.click(screen.getByRole('radio', { name: 'when it is done' }));
    await fireEvent.submit(field().form!);
    await vi.waitFor(() => expect(onadd).toHaveBeenCalled());
    expect(onadd.mock.calls[0]![0]).toMatchObject({
      title: 'Gym',
      due_date: '2027-01-05',
      due_time: null,
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', repeat_from: 'completion' },
    });
  });

  it('repeats monthly on the nth weekday of the due date', async () => {
    const onadd = vi.fn(async (_input: TaskCreate) => undefined);
    render(NewTaskForm, { onadd, timeZone: 'Europe/London' });
    await fireEvent.click(screen.getByRole('button', { name: 'Options' }));
    await type(field(), 'Book club');
    await type(screen.getByLabelText('Due date') as HTMLInputElement, '2027-01-05');
    await fireEvent.click(screen.getByRole('button', { name: 'Repeat…' }));
    const preset = await screen.findByLabelText('Repeats', {}, { timeout: 10_000 });
    await fireEvent.change(preset, { target: { value: 'monthly' } });
    expect((screen.getByLabelText('Day of the month') as HTMLInputElement).value).toBe('5');
    await fireEvent.click(screen.getByRole('radio', { name: 'On the' }));
    expect((screen.getByLabelText('Which one') as HTMLSelectElement).disabled).toBe(false);
    await fireEvent.submit(field().form!);
    await vi.waitFor(() => expect(onadd).toHaveBeenCalled());
    expect(onadd.mock.calls[0]![0].recurrence).toEqual({
      rrule: 'FREQ=MONTHLY;BYDAY=1TU',
      repeat_from: 'due',
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
    await vi.waitFor(() =>
      expect(screen.getByText('Title is at most 200 characters')).toBeTruthy(),
    );
    expect(field().value).toBe('Too long');
    expect(field().getAttribute('aria-invalid')).toBe('true');
  });
});
