import { describe, expect, it } from 'vitest';
import { formatDay } from '$lib/due/due-format';
import { rebase, removeChip, understand, type QuickAddContext } from './chips';

// Tuesday 1 December 2026, 10:00 in London.
const CONTEXT: QuickAddContext = {
  now: new Date('2026-12-01T10:00:00Z'),
  timeZone: 'Europe/London',
  lists: [
    { id: 'list-work', name: 'Work' },
    { id: 'list-home', name: 'Home chores' },
  ],
};

describe('quick-add chips', () => {
  it('turns every understood part into a chip and the rest into the title', () => {
    const text = 'Pay rent every month on the 1st at 9am #home !high @work';
    const { fields, chips } = understand(text, [], CONTEXT);
    expect(fields).toEqual({
      title: 'Pay rent',
      tags: ['home'],
      priority: 'High',
      list_id: 'list-work',
      due_date: '2027-01-01',
      due_time: '09:00',
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', repeat_from: 'due' },
    });
    expect(chips.map((chip) => chip.kind)).toEqual([
      'recurrence',
      'time',
      'tag',
      'priority',
      'list',
    ]);
    expect(chips[0]!.label).toBe(
      `Repeats every month on the 1st, from ${formatDay('2027-01-01', 2026)}`,
    );
    expect(chips.slice(2).map((chip) => chip.label)).toEqual([
      '#home',
      'High priority',
      'List Work',
    ]);
  });

  it('a repetition with no day says where it starts', () => {
    const { fields, chips } = understand('Water plants every 3 days', [], CONTEXT);
    expect(fields).toEqual({
      title: 'Water plants',
      due_date: '2026-12-01',
      recurrence: { rrule: 'FREQ=DAILY;INTERVAL=3', repeat_from: 'due' },
    });
    expect(chips).toHaveLength(1);
    expect(chips[0]!.label).toBe(`Repeats every 3 days, from ${formatDay('2026-12-01', 2026)}`);
  });

  it('a removed chip leaves its words in the title, as typed', () => {
    const text = 'Review next friday';
    const first = understand(text, [], CONTEXT);
    expect(first.fields).toEqual({ title: 'Review', due_date: '2026-12-04' });
    const kept = removeChip(first.kept, first.chips[0]!);
    const second = understand(text, kept, CONTEXT);
    expect(second.fields).toEqual({ title: 'Review next friday' });
    expect(second.chips).toEqual([]);
  });

  it('a removed chip stays removed while the text around it changes', () => {
    const text = 'Read Friday Night Lights';
    const first = understand(text, [], CONTEXT);
    const kept = removeChip(first.kept, first.chips[0]!);
    const edited = understand(`Re-read ${text.slice(5)} tomorrow !low`, kept, CONTEXT);
    expect(edited.fields).toEqual({
      title: 'Re-read Friday Night Lights',
      due_date: '2026-12-02',
      priority: 'Low',
    });
    expect(edited.kept).toEqual([{ start: 8, end: 14, text: 'Friday' }]);
  });

  it('an @name that is none of the lists stays in the title', () => {
    const { fields, chips, kept } = understand('Email @bob tomorrow', [], CONTEXT);
    expect(fields).toEqual({ title: 'Email @bob', due_date: '2026-12-02' });
    expect(chips.map((chip) => chip.kind)).toEqual(['date']);
    expect(kept).toEqual([{ start: 6, end: 10, text: '@bob' }]);
  });

  it('a list name with a space matches the list in its own spelling', () => {
    const { fields, chips } = understand('Clean kitchen @home chores', [], CONTEXT);
    expect(fields).toEqual({ title: 'Clean kitchen', list_id: 'list-home' });
    expect(chips[0]!.label).toBe('List Home chores');
  });
});

describe('rebase', () => {
  it('keeps a range in place, moves it with the text, or drops it when its words are gone', () => {
    const kept = [{ start: 7, end: 13, text: 'friday' }];
    expect(rebase(kept, 'Review friday')).toEqual(kept);
    expect(rebase(kept, 'Please review friday')).toEqual([{ start: 14, end: 20, text: 'friday' }]);
    expect(rebase(kept, 'Review fri')).toEqual([]);
  });

  it('moves two ranges with the same words to different places', () => {
    const kept = [
      { start: 0, end: 3, text: 'May' },
      { start: 8, end: 11, text: 'May' },
    ];
    expect(rebase(kept, 'May and May')).toEqual(kept);
    expect(rebase(kept, 'Only May')).toEqual([{ start: 5, end: 8, text: 'May' }]);
  });
});
