import { sql } from 'drizzle-orm';
import { nextOccurrence } from '@tasks/shared/recurrence';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testDb } from '../../../test/auth.ts';
import { CASE_ROW_DUE } from '../../../test/time.ts';
import { nextOf } from './completion-sql.ts';
import { buildSchedule } from './schedule.ts';

// The completing statement's lookup (completion-sql.ts `nextOf`), run in SQL on schedules the
// worker built, must give what the engine gives for a completion at any later `now`, in every
// zone, though the schedule knows neither the zone, nor the time, nor the occurrence number.

const DAY = 86_400_000;
const RULES = [
  'FREQ=DAILY',
  'FREQ=DAILY;INTERVAL=3;COUNT=5',
  'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  'FREQ=WEEKLY;INTERVAL=2',
  'FREQ=MONTHLY;BYMONTHDAY=31',
  'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4',
  'FREQ=MONTHLY;BYDAY=2MO',
  'FREQ=MONTHLY;BYDAY=-1FR',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
  'FREQ=DAILY;UNTIL=20270115',
  'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270302T090000',
  'FREQ=DAILY;INTERVAL=2;UNTIL=20270210T143000Z',
];
const ZONES = [
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kolkata',
  'UTC',
];

const cases = fc.record({
  rrule: fc.constantFrom(...RULES),
  timeZone: fc.constantFrom(...ZONES),
  day: fc.integer({ min: 0, max: 120 }),
  time: fc.constantFrom(null, '00:00', '02:30', '09:00', '23:45'),
  occurrence: fc.integer({ min: 1, max: 3 }),
  repeatFrom: fc.constantFrom('due' as const, 'completion' as const),
  // When the completion comes, after the schedule was written: up to most of a year later.
  laterMs: fc.integer({ min: 0, max: 300 * DAY }),
});

describe('the precomputed schedule, looked up by the completing statement', () => {
  it('answers what the engine answers, in every zone, months after it was built', async () => {
    const written = new Date('2027-01-01T12:00:00Z');
    const sampled = fc.sample(cases, { numRuns: 300, seed: 12 }).map((c) => {
      const date = new Date(Date.parse('2026-11-01') + c.day * DAY).toISOString().slice(0, 10);
      const now = new Date(written.getTime() + c.laterMs);
      const schedule = buildSchedule(c.rrule, c.repeatFrom, date, written);
      return { ...c, date, now, schedule };
    });
    const rows = sql.join(
      sampled.map(
        (c) => sql`(${JSON.stringify(c.schedule)}::jsonb, ${c.repeatFrom}::text, ${c.date}::date,
          ${c.time}::text, ${c.timeZone}::text, ${c.occurrence}::int, ${c.now.toISOString()}::timestamptz)`,
      ),
      sql`, `,
    );
    const due = CASE_ROW_DUE;
    const result = await testDb().execute<{ next: { d: string | null; o?: number } | null }>(
      sql`select ${nextOf(sql`q.s`, sql`q.rf`, due)} as next
        from (values ${rows}) as q(s, rf, d, t, z, o, n)`,
    );
    const answered = result.rows.map((row) => row.next);
    const engine = sampled.map((c) => {
      const current = { ...c, occurrence: c.occurrence };
      const next = nextOccurrence(current, { repeatFrom: c.repeatFrom, now: c.now });
      return next ? { d: next.date, o: next.occurrence } : { d: null };
    });
    // Every one is answered from the stored schedule, without the statement building one.
    expect(answered).toEqual(engine);
  });

  it('is small: a daily fixed schedule reaches a year ahead in a couple of kilobytes', () => {
    const daily = buildSchedule('FREQ=DAILY', 'due', '2027-01-01', new Date('2027-01-01'));
    expect(daily.k.length).toBeGreaterThan(400);
    expect(JSON.stringify(daily).length).toBeLessThan(2_500);
    const fromDone = buildSchedule('FREQ=DAILY', 'completion', '2027-01-01', new Date());
    expect(JSON.stringify(fromDone).length).toBeLessThan(1_500);
  });
});
