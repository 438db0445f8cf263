import { describe, expect, it } from 'vitest';
import { aTask } from '$lib/store/task.test-helper';
import { advanced, bulkCompleteInverse, editInverse, movesBack } from './inverse';

const weekly = { rrule: 'FREQ=WEEKLY', repeat_from: 'due' as const };

describe('the inverse of each change', () => {
  it('an edit puts back exactly the fields it changed', () => {
    const before = aTask({ title: 'Old', priority: 'Low', tags: ['a'], assignee_id: null });
    const inverse = editInverse(before, { title: 'New', priority: 'High', tags: ['a', 'b'] });
    expect(inverse).toEqual({ title: 'Old', priority: 'Low', tags: ['a'] });
    expect(editInverse(before, { description: 'x' })).toEqual({ description: '' });
    expect(editInverse(before, { assignee_id: 'u' })).toEqual({ assignee_id: null });
  });

  it('a due edit puts back the day, time and zone, never the derived instant', () => {
    const before = aTask({ due_date: '2026-03-01', due_time: '09:30', time_zone: 'Europe/Paris' });
    const back = { due_date: '2026-03-01', due_time: '09:30', time_zone: 'Europe/Paris' };
    expect(editInverse(before, { due_at: '2026-04-01T10:00:00Z' })).toEqual(back);
    expect(editInverse(before, { due_date: null })).toEqual(back);
    expect(editInverse(aTask(), { due_time: '10:00' })).toEqual({
      due_date: null,
      due_time: null,
      time_zone: null,
    });
  });

  it('reminders and recurrence come back as copies; stop repeating puts the rule back', () => {
    const reminders = [{ before_minutes: 30 }];
    const before = aTask({ reminders, recurrence: weekly, due_date: '2026-03-01' });
    const inverse = editInverse(before, { reminders: [], recurrence: null });
    expect(inverse).toEqual({ reminders, recurrence: weekly });
    expect(inverse.reminders).not.toBe(reminders);
  });

  it('complete and reopen invert each other; a move goes back to its list', () => {
    expect(editInverse(aTask(), { completed: true })).toEqual({ completed: false });
    expect(editInverse(aTask({ completed: true }), { completed: false })).toEqual({
      completed: true,
    });
    expect(editInverse(aTask({ list_id: 'inbox' }), { list_id: 'work' })).toEqual({
      list_id: 'inbox',
    });
  });

  it('a repeating task that moved on (or finished its series) needs its occurrence back', () => {
    const before = aTask({ recurrence: weekly, occurrence: 3, due_date: '2026-03-01' });
    expect(advanced(before, { ...before, occurrence: 4, due_date: '2026-03-08' })).toBe(true);
    expect(advanced(before, { ...before, completed: true })).toBe(true);
    expect(advanced(aTask(), aTask({ completed: true }))).toBe(false);
    const done = { ...before, completed: true };
    expect(advanced(done, { ...done, completed: false })).toBe(false);
  });

  it('a bulk move goes back list by list, leaving out tasks already in the destination', () => {
    const tasks = [
      { id: '1', list_id: 'a' },
      { id: '2', list_id: 'b' },
      { id: '3', list_id: 'a' },
      { id: '4', list_id: 'to' },
    ];
    expect([...movesBack(tasks, 'to')]).toEqual([
      ['a', ['1', '3']],
      ['b', ['2']],
    ]);
  });

  it('a bulk complete reopens one-offs and puts repeating tasks back on their occurrence', () => {
    const once = aTask({ id: 'once' });
    const daily = aTask({ id: 'daily', recurrence: weekly, occurrence: 4, version: 7 });
    expect(bulkCompleteInverse([once, daily])).toEqual({
      reopen: ['once'],
      restore: [{ id: 'daily', version: 8, occurrence: 4 }],
    });
    // The complete's answer says which version it gave (an engine advance is a second write).
    const answered = new Map([['daily', { ...daily, version: 9, occurrence: 5 }]]);
    expect(bulkCompleteInverse([once, daily], answered).restore).toEqual([
      { id: 'daily', version: 9, occurrence: 4 },
    ]);
  });
});
