import { describe, expect, it } from 'vitest';
import { formatClock, formatDay } from './due-format';
import { dueText, isOverdue, type Due } from './task-due';

const TASK: Due = {
  completed: false,
  due_at: null,
  due_date: null,
  due_time: null,
  time_zone: null,
};

describe('due dates on screen', () => {
  it('shows an all-day task on its own day whatever the zone', () => {
    // Stored as the start of 10 December in Auckland: 9 December, 11:00 UTC.
    const allDay = { ...TASK, due_date: '2026-12-10', due_at: '2026-12-09T11:00:00.000Z' };
    expect(dueText(allDay, 'America/Los_Angeles')).toEqual({ text: formatDay('2026-12-10') });
    expect(dueText({ ...allDay, time_zone: 'Pacific/Auckland' }, 'Pacific/Auckland')).toEqual({
      text: formatDay('2026-12-10'),
    });
  });

  it("shows a timed task in another zone on its clock, and the user's", () => {
    const timed = {
      ...TASK,
      due_date: '2026-12-10',
      due_time: '23:30',
      time_zone: 'America/Los_Angeles',
      due_at: '2026-12-11T07:30:00.000Z',
    };
    const shown = dueText(timed, 'Europe/London')!;
    expect(shown.text).toBe(`${formatDay('2026-12-10')}, ${formatClock('23:30')}`);
    expect(shown.place).toBe('Los Angeles');
    expect(shown.local).toMatch(/11/);
    expect(shown.local).toMatch(/7:30/);
    expect(dueText(timed, 'America/Los_Angeles')).toEqual({ text: shown.text });
  });

  it('an all-day task is overdue once its day is over, a timed one at its time', () => {
    const allDay = { ...TASK, due_date: '2026-12-10' };
    const zone = 'Asia/Kolkata';
    expect(isOverdue(allDay, zone, Date.parse('2026-12-10T18:00:00Z'))).toBe(false); // 23:30 there
    expect(isOverdue(allDay, zone, Date.parse('2026-12-10T18:30:00Z'))).toBe(true); // 00:00, 11th
    const timed = { ...allDay, due_time: '09:00', due_at: '2026-12-10T03:30:00.000Z' };
    expect(isOverdue(timed, zone, Date.parse('2026-12-10T03:29:00Z'))).toBe(false);
    expect(isOverdue(timed, zone, Date.parse('2026-12-10T03:31:00Z'))).toBe(true);
    expect(isOverdue({ ...timed, completed: true }, zone, Date.parse('2027-01-01'))).toBe(false);
    expect(isOverdue(TASK, zone)).toBe(false);
  });
});
