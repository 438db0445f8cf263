import { describe, expect, it } from 'vitest';
import { formatDay } from './due-format';
import { fitsView, groupByDay } from './day-groups';
import type { Due } from './task-due';

// 1 December 2026, 23:30 in London: already 2 December in Auckland.
const NOW = Date.parse('2026-12-01T23:30:00Z');
const task = (due_date: string | null, changes: Partial<Due> = {}) => ({
  completed: false,
  due_at: null,
  due_date,
  due_time: null,
  time_zone: null,
  ...changes,
});

describe('day groups', () => {
  it('puts overdue tasks first, then one group per day in words', () => {
    const tasks = [
      task('2026-11-20'),
      task('2026-12-01'),
      task('2026-12-03'),
      task('2026-12-02'),
      task('2026-11-30'),
    ];
    const groups = groupByDay(tasks, 'Europe/London', NOW);
    expect(groups.map((group) => [group.label, group.tasks.length])).toEqual([
      ['Overdue', 2],
      ['Today', 1],
      ['Tomorrow', 1],
      [formatDay('2026-12-03'), 1],
    ]);
  });

  it("counts days on the user's clock, as the API's views do", () => {
    // An all-day task is its date anywhere; it is the user's today that moves.
    const allDay = task('2026-12-01', { time_zone: 'Pacific/Auckland' });
    expect(groupByDay([allDay], 'Europe/London', NOW)[0]!.label).toBe('Today');
    expect(groupByDay([allDay], 'Pacific/Auckland', NOW)[0]!.label).toBe('Overdue');
    // 23:00 on 1 December in Los Angeles is 2 December in London.
    const timed = task('2026-12-01', {
      due_time: '23:00',
      time_zone: 'America/Los_Angeles',
      due_at: '2026-12-02T07:00:00.000Z',
    });
    expect(groupByDay([timed], 'Europe/London', NOW)[0]!.label).toBe('Tomorrow');
    expect(groupByDay([timed], 'America/Los_Angeles', NOW)[0]!.label).toBe('Today');
  });

  it('knows when a task has left Today or Upcoming', () => {
    const zone = 'Europe/London';
    expect(fitsView(task('2026-12-01'), 'today', zone, 7, NOW)).toBe(true);
    expect(fitsView(task('2026-11-01'), 'today', zone, 7, NOW)).toBe(true);
    expect(fitsView(task('2026-12-04'), 'today', zone, 7, NOW)).toBe(false);
    expect(fitsView(task('2026-12-01', { completed: true }), 'today', zone, 7, NOW)).toBe(false);
    expect(fitsView(task(null), 'today', zone, 7, NOW)).toBe(false);
    expect(fitsView(task('2026-12-07'), 'upcoming', zone, 7, NOW)).toBe(true);
    expect(fitsView(task('2026-12-08'), 'upcoming', zone, 7, NOW)).toBe(false);
    expect(fitsView(task('2026-11-30'), 'upcoming', zone, 7, NOW)).toBe(false);
  });
});
