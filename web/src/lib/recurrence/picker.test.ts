import { describe, expect, it } from 'vitest';
import { fromRecurrence, initialState, preview, toRecurrence, type PickerState } from './picker';

// Tuesday 15 December 2026: the third Tuesday of its month.
const DUE = '2026-12-15';
const state = (changes: Partial<PickerState>) => ({ ...initialState(DUE), ...changes });

const CASES: [string, Partial<PickerState>, string][] = [
  ['daily', { preset: 'daily' }, 'FREQ=DAILY'],
  ['weekdays', { preset: 'weekdays' }, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['weekly on its weekday', { preset: 'weekly' }, 'FREQ=WEEKLY;BYDAY=TU'],
  [
    'weekly on chosen days',
    { preset: 'weekly', weekdays: [5, 1, 3] },
    'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  ],
  ['monthly on its day', { preset: 'monthly' }, 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['monthly on the 31st', { preset: 'monthly', monthDay: 31 }, 'FREQ=MONTHLY;BYMONTHDAY=31'],
  [
    'monthly on the last day',
    { preset: 'monthly', monthlyBy: 'last' },
    'FREQ=MONTHLY;BYMONTHDAY=-1',
  ],
  ['monthly on its nth weekday', { preset: 'monthly', monthlyBy: 'nth' }, 'FREQ=MONTHLY;BYDAY=3TU'],
  [
    'monthly on the last friday',
    { preset: 'monthly', monthlyBy: 'nth', nth: -1, nthWeekday: 5 },
    'FREQ=MONTHLY;BYDAY=-1FR',
  ],
  ['yearly', { preset: 'yearly' }, 'FREQ=YEARLY'],
  ['every 3 days', { preset: 'custom', unit: 'DAILY', interval: 3 }, 'FREQ=DAILY;INTERVAL=3'],
  [
    'every 2 weeks on monday and thursday',
    { preset: 'custom', unit: 'WEEKLY', interval: 2, weekdays: [1, 4] },
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
  ],
  [
    'every 3 months on the 2nd tuesday',
    { preset: 'custom', unit: 'MONTHLY', interval: 3, monthlyBy: 'nth', nth: 2 },
    'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU',
  ],
  ['daily, 5 times', { preset: 'daily', ends: 'count', count: 5 }, 'FREQ=DAILY;COUNT=5'],
  [
    'weekdays until a date',
    { preset: 'weekdays', ends: 'until', until: '2027-03-31' },
    'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270331',
  ],
];

describe('recurrence picker → rrule', () => {
  it.each(CASES)('%s', (_name, changes, rrule) => {
    expect(toRecurrence(state(changes))).toEqual({ rrule, repeat_from: 'due' });
    // …and back: the picker reopens showing the same choice.
    const reopened = fromRecurrence({ rrule, repeat_from: 'due' }, DUE);
    expect(reopened.preset).toBe(state(changes).preset);
    expect(toRecurrence(reopened)).toEqual({ rrule, repeat_from: 'due' });
  });

  it('does not repeat until a preset is chosen; from completion is kept', () => {
    expect(toRecurrence(initialState(DUE))).toBeNull();
    const fromDone = state({ preset: 'daily', repeatFrom: 'completion' });
    expect(toRecurrence(fromDone)).toEqual({ rrule: 'FREQ=DAILY', repeat_from: 'completion' });
    expect(fromRecurrence(toRecurrence(fromDone), DUE).repeatFrom).toBe('completion');
  });

  it('keeps a rule it has no controls for as it is', () => {
    const recurrence = {
      rrule: 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=22',
      repeat_from: 'due' as const,
    };
    const reopened = fromRecurrence(recurrence, DUE);
    expect(reopened.preset).toBe('as-is');
    expect(toRecurrence(reopened)).toEqual(recurrence);
  });

  it('a custom interval of nonsense is read as 1', () => {
    expect(toRecurrence(state({ preset: 'custom', unit: 'DAILY', interval: 0 }))?.rrule).toBe(
      'FREQ=DAILY',
    );
  });

  it('previews the next five occurrences, month ends skipped as RFC 5545 says', () => {
    const on31st = state({ preset: 'monthly', monthDay: 31 });
    const dates = preview(on31st, { date: '2026-12-31', time: '09:00', timeZone: 'Europe/London' });
    expect(dates.map((occurrence) => occurrence.date)).toEqual([
      '2027-01-31',
      '2027-03-31',
      '2027-05-31',
      '2027-07-31',
      '2027-08-31',
    ]);
    // 09:00 local stays 09:00 across the spring change: 09:00Z in winter, 08:00Z in summer.
    expect(dates[1]!.at.toISOString()).toBe('2027-03-31T08:00:00.000Z');
  });

  it('previews only as many as COUNT leaves after the current occurrence', () => {
    const thrice = state({ preset: 'daily', ends: 'count', count: 3 });
    const due = { date: DUE, time: null, timeZone: 'Asia/Kolkata', occurrence: 1 };
    expect(preview(thrice, due).map((occurrence) => occurrence.date)).toEqual([
      '2026-12-16',
      '2026-12-17',
    ]);
  });
});
