import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { draftTask } from './task-draft';
import TaskItem from './TaskItem.svelte';

function setup(overrides = {}) {
  const task = { ...draftTask({ title: 'Water plants', tags: ['home'] }, 'id-1'), ...overrides };
  const props = {
    task,
    userZone: 'Europe/London',
    saving: false,
    selected: false,
    onselect: vi.fn(),
    ontoggle: vi.fn(),
    onrename: vi.fn(),
    ondelete: vi.fn(),
    ondetails: vi.fn(),
  };
  render(TaskItem, props);
  return props;
}

describe('TaskItem', () => {
  it('names its controls after the task', async () => {
    const props = setup();
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Water plants' }));
    expect(props.ontoggle).toHaveBeenCalledOnce();
    await fireEvent.click(screen.getByRole('button', { name: 'Delete Water plants' }));
    expect(props.ondelete).toHaveBeenCalledOnce();
    await fireEvent.click(screen.getByRole('button', { name: 'Details for Water plants' }));
    expect(props.ondetails).toHaveBeenCalledOnce();
    expect(screen.getByText('#home')).toBeTruthy();
  });

  it('edits the title in place: Enter saves the trimmed title', async () => {
    const props = setup();
    await fireEvent.dblClick(screen.getByText('Water plants'));
    const edit = screen.getByRole('textbox', { name: /title/i }) as HTMLInputElement;
    expect(document.activeElement).toBe(edit);
    await fireEvent.input(edit, { target: { value: '  Water the plants ' } });
    await fireEvent.keyDown(edit, { key: 'Enter' });
    expect(props.onrename).toHaveBeenCalledWith('Water the plants');
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('Escape cancels the edit; an unchanged or empty title saves nothing', async () => {
    const props = setup();
    await fireEvent.dblClick(screen.getByText('Water plants'));
    let edit = screen.getByRole('textbox', { name: /title/i });
    await fireEvent.input(edit, { target: { value: 'Something else' } });
    await fireEvent.keyDown(edit, { key: 'Escape' });
    await fireEvent.dblClick(screen.getByText('Water plants'));
    edit = screen.getByRole('textbox', { name: /title/i });
    await fireEvent.input(edit, { target: { value: '   ' } });
    await fireEvent.blur(edit);
    expect(props.onrename).not.toHaveBeenCalled();
    expect(screen.getByText('Water plants')).toBeTruthy();
  });

  it('makes an overdue task stand out in words, not colour alone', () => {
    setup({ due_date: '2020-01-01', due_at: '2020-01-01T00:00:00.000Z' });
    expect(screen.getByText(/Overdue/)).toBeTruthy();
  });

  it('shows the due day as stored, and a zone that is not the user’s with the user’s time', () => {
    setup({
      due_date: '2026-12-10',
      due_time: '23:30',
      time_zone: 'America/Los_Angeles',
      due_at: '2026-12-11T07:30:00.000Z',
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
    });
    const due = screen.getByText(/^Due/);
    expect(due.textContent).toMatch(/Dec 10.*11:30\sPM.*Los Angeles time/s);
    expect(due.textContent).toMatch(/Dec 11.*7:30\sAM your time/s);
    expect(screen.getByText('Repeats')).toBeTruthy();
  });
});
