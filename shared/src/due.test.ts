import { describe, expect, it } from 'vitest';
import { DueDateSchema, DueInputSchema, DueTimeSchema, TimeZoneSchema, dueIssues } from './due.ts';

describe('due fields', () => {
  it('a due date is a real calendar day', () => {
    expect(DueDateSchema.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2027-02-29', '2027-13-01', '0000-01-01', '2027-1-1', '20270101']) {
      expect(DueDateSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('a due time is stored as HH:MM', () => {
    expect(DueTimeSchema.parse('9:30')).toBe('09:30');
    expect(DueTimeSchema.parse('23:59:00')).toBe('23:59');
    for (const bad of ['24:00', '09:60', '9', '09:30:15', '9am']) {
      expect(DueTimeSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('a zone is an IANA name Intl knows, in the tz database letter case; offsets are not zones', () => {
    expect(TimeZoneSchema.parse('europe/london')).toBe('Europe/London');
    expect(TimeZoneSchema.parse('Australia/Lord_Howe')).toBe('Australia/Lord_Howe');
    expect(TimeZoneSchema.parse('UTC')).toBe('UTC');
    // Whichever of an alias pair this runtime's ICU calls canonical, the name given is kept.
    expect(TimeZoneSchema.parse('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(TimeZoneSchema.parse('Europe/Kyiv')).toBe('Europe/Kyiv');
    for (const bad of ['Mars/Olympus', '+05:30', '', 'America/New York']) {
      expect(TimeZoneSchema.safeParse(bad).error?.issues[0]?.message, bad).toBe(
        'Use an IANA time zone such as Europe/London',
      );
    }
  });

  it('leaves every field out as null, floating and not repeating', () => {
    expect(DueInputSchema.parse({})).toEqual({
      due_date: null,
      due_time: null,
      time_zone: null,
      recurrence: null,
    });
  });

  it('a time or a repetition needs a day', () => {
    const due = DueInputSchema.parse({ due_time: '09:00', recurrence: { rrule: 'FREQ=DAILY' } });
    expect(dueIssues(due)).toEqual([
      { path: ['due_time'], message: 'A due time needs a due_date' },
      { path: ['recurrence'], message: 'A recurring task needs a due_date' },
    ]);
    expect(dueIssues({ ...due, due_date: '2027-01-01' })).toEqual([]);
  });
});
