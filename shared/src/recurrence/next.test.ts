import { describe, expect, it } from 'vitest';
import { instantToZoned, zonedToInstant } from '../time/zoned.ts';
import { nextOccurrence, upcomingOccurrences, type CurrentOccurrence } from './next.ts';

const dates = (current: CurrentOccurrence, count = 5) =>
  upcomingOccurrences(current, count).map((o) => `${o.date} ${o.at.toISOString()}`);
const at = (text: string) => new Date(text);

describe('time rules', () => {
  it('09:00 in New York stays 09:00 across spring forward and fall back', () => {
    const current = {
      date: '2026-03-07',
      time: '09:00',
      timeZone: 'America/New_York',
      rrule: 'FREQ=DAILY',
    };
    expect(dates(current, 2)).toEqual([
      '2026-03-08 2026-03-08T13:00:00.000Z',
      '2026-03-09 2026-03-09T13:00:00.000Z',
    ]);
    expect(dates({ ...current, date: '2026-10-31' }, 1)).toEqual([
      '2026-11-01 2026-11-01T14:00:00.000Z',
    ]);
  });

  it('a time skipped by spring forward moves forward by the gap, and the next one is 02:30 again', () => {
    const current = {
      date: '2026-03-07',
      time: '02:30',
      timeZone: 'America/New_York',
      rrule: 'FREQ=DAILY',
    };
    const [gap, after] = upcomingOccurrences(current, 2);
    expect(gap).toMatchObject({
      date: '2026-03-08',
      time: '02:30',
      at: at('2026-03-08T07:30:00Z'),
    });
    expect(instantToZoned(gap!.at, 'America/New_York')).toEqual({
      date: '2026-03-08',
      time: '03:30',
    });
    expect(after).toMatchObject({
      date: '2026-03-09',
      time: '02:30',
      at: at('2026-03-09T06:30:00Z'),
    });
  });

  it('Lord Howe moves by 30 minutes: 02:15 on its spring-forward night is 02:45', () => {
    expect(zonedToInstant('2026-10-04', '02:15', 'Australia/Lord_Howe')).toEqual(
      at('2026-10-03T15:45:00Z'),
    );
    expect(instantToZoned('2026-10-03T15:45:00Z', 'Australia/Lord_Howe').time).toBe('02:45');
  });

  it('a repeated hour takes the earlier instant (London and Lord Howe fall back)', () => {
    expect(zonedToInstant('2026-10-25', '01:30', 'Europe/London')).toEqual(
      at('2026-10-25T00:30:00Z'),
    );
    expect(zonedToInstant('2026-04-05', '01:45', 'Australia/Lord_Howe')).toEqual(
      at('2026-04-04T14:45:00Z'),
    );
  });

  it("Santiago's midnight gap: an all-day task starts at 01:00 that day", () => {
    const start = zonedToInstant('2026-09-06', null, 'America/Santiago');
    expect(instantToZoned(start, 'America/Santiago')).toEqual({
      date: '2026-09-06',
      time: '01:00',
    });
  });

  it('Kolkata has no DST: 09:00 is always 03:30 UTC', () => {
    const current = {
      date: '2026-03-01',
      time: '09:00',
      timeZone: 'Asia/Kolkata',
      rrule: 'FREQ=MONTHLY',
    };
    expect(
      upcomingOccurrences(current, 12).every((o) => o.at.toISOString().endsWith('T03:30:00.000Z')),
    ).toBe(true);
  });
});

describe('month ends', () => {
  const base = { time: null, timeZone: 'Europe/London' };
  it('BYMONTHDAY=31 skips months without a 31st', () => {
    const days = upcomingOccurrences(
      { ...base, date: '2026-01-31', rrule: 'FREQ=MONTHLY;BYMONTHDAY=31' },
      4,
    );
    expect(days.map((o) => o.date)).toEqual([
      '2026-03-31',
      '2026-05-31',
      '2026-07-31',
      '2026-08-31',
    ]);
  });

  it('BYMONTHDAY=-1 is the last day, February in a leap year too', () => {
    const days = upcomingOccurrences(
      { ...base, date: '2028-01-31', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1' },
      3,
    );
    expect(days.map((o) => o.date)).toEqual(['2028-02-29', '2028-03-31', '2028-04-30']);
  });

  it('a yearly task on 29 February waits for the next leap year', () => {
    const days = upcomingOccurrences({ ...base, date: '2028-02-29', rrule: 'FREQ=YEARLY' }, 2);
    expect(days.map((o) => o.date)).toEqual(['2032-02-29', '2036-02-29']);
  });

  it('the last Friday and the second Monday', () => {
    const current = { ...base, date: '2026-12-01', rrule: 'FREQ=MONTHLY;BYDAY=-1FR' };
    expect(upcomingOccurrences(current, 2).map((o) => o.date)).toEqual([
      '2026-12-25',
      '2027-01-29',
    ]);
    const second = { ...current, rrule: 'FREQ=MONTHLY;BYDAY=2MO' };
    expect(upcomingOccurrences(second, 2).map((o) => o.date)).toEqual(['2026-12-14', '2027-01-11']);
  });

  it('a rule that can never happen ends instead of searching for ever', () => {
    expect(
      upcomingOccurrences(
        { ...base, date: '2026-01-01', rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' },
        1,
      ),
    ).toEqual([]);
  });
});

describe('advancing', () => {
  const daily = {
    date: '2026-01-05',
    time: '09:00',
    timeZone: 'America/New_York',
    rrule: 'FREQ=DAILY',
  };

  it('an overdue fixed schedule goes to the first occurrence after now, counting the missed ones', () => {
    const next = nextOccurrence(daily, { repeatFrom: 'due', now: at('2026-01-10T15:00:00Z') });
    expect(next).toMatchObject({ date: '2026-01-11', time: '09:00', occurrence: 7 });
    const early = nextOccurrence(daily, { repeatFrom: 'due', now: at('2026-01-10T13:59:00Z') });
    expect(early?.date).toBe('2026-01-10');
  });

  it('an all-day task completed today comes back after today', () => {
    const allDay = { ...daily, time: null, rrule: 'FREQ=WEEKLY;BYDAY=MO' };
    const next = nextOccurrence(allDay, { repeatFrom: 'due', now: at('2026-01-12T20:00:00Z') });
    expect(next?.date).toBe('2026-01-19');
  });

  it('from completion counts from the local day it was done', () => {
    const every3 = { ...daily, rrule: 'FREQ=DAILY;INTERVAL=3' };
    // 03:00 UTC on the 10th is still the 9th in New York.
    const next = nextOccurrence(every3, {
      repeatFrom: 'completion',
      now: at('2026-01-10T03:00:00Z'),
    });
    expect(next).toMatchObject({ date: '2026-01-12', time: '09:00', occurrence: 2 });
  });

  it('COUNT and UNTIL end the series: no next', () => {
    const counted = { ...daily, rrule: 'FREQ=DAILY;COUNT=3', occurrence: 3 };
    expect(
      nextOccurrence(counted, { repeatFrom: 'due', now: at('2026-01-05T00:00:00Z') }),
    ).toBeNull();
    const overdue = { ...daily, rrule: 'FREQ=DAILY;COUNT=3', occurrence: 1 };
    expect(
      nextOccurrence(overdue, { repeatFrom: 'due', now: at('2026-02-01T00:00:00Z') }),
    ).toBeNull();
    const until = { ...daily, rrule: 'FREQ=DAILY;UNTIL=20260106' };
    expect(dates(until)).toEqual(['2026-01-06 2026-01-06T14:00:00.000Z']);
    const utc = { ...daily, rrule: 'FREQ=DAILY;UNTIL=20260107T140000Z' };
    expect(upcomingOccurrences(utc, 5).map((o) => o.date)).toEqual(['2026-01-06', '2026-01-07']);
  });

  it('a floating task is read in whichever zone the user is in now', () => {
    const floating = { date: '2026-06-01', time: '09:00', rrule: 'FREQ=DAILY' };
    const [london] = upcomingOccurrences({ ...floating, timeZone: 'Europe/London' }, 1);
    const [kolkata] = upcomingOccurrences({ ...floating, timeZone: 'Asia/Kolkata' }, 1);
    expect([london!.at.toISOString(), kolkata!.at.toISOString()]).toEqual([
      '2026-06-02T08:00:00.000Z',
      '2026-06-02T03:30:00.000Z',
    ]);
  });

  it('a floating UNTIL compares local date-times', () => {
    const until = { ...daily, rrule: 'FREQ=DAILY;UNTIL=20260107T085959' };
    expect(upcomingOccurrences(until, 5).map((o) => o.date)).toEqual(['2026-01-06']);
  });
});
