import { sql } from 'drizzle-orm';
import { nextOccurrence } from '@tasks/shared/recurrence';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testDb } from '../../../test/auth.ts';
import { CASE_ROW_DUE, DST_ZONES } from '../../../test/time.ts';
import { nextOf } from './completion-sql.ts';
import { buildSchedule } from './schedule.ts';
import { builtSchedule } from './schedule-sql.ts';

// Migration 0016's `task_schedule` is the engine's day-level expansion written once more, in
// SQL, for the writes the worker cannot build the schedule for (decision 0030). It must build
// exactly the worker's schedule, and a completion looked up in it must give what the engine
// gives, in zones with DST, for the rules whose days do not follow the anchor.

const DAY = 86_400_000;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const ZONES = DST_ZONES;

const byDay = (ordinals: boolean) =>
  fc.uniqueArray(
    fc
      .tuple(
        ordinals ? fc.constantFrom('', '1', '2', '4', '-1', '-2') : fc.constant(''),
        fc.constantFrom(...WEEKDAYS),
      )
      .map(([ordinal, day]) => ordinal + day),
    { maxLength: 3, minLength: ordinals ? 0 : 1 },
  );
const monthDays = fc.uniqueArray(fc.constantFrom(1, 15, 28, 29, 30, 31, -1, -2), {
  maxLength: 2,
});
const part = (name: string, values: (string | number)[]) =>
  values.length ? `;${name}=${values.join(',')}` : '';

// Monthly (by day of month or nth weekday), yearly (by month, day, nth weekday) and weekly on
// chosen days, each with an interval, and COUNT or UNTIL (a date, a local or a UTC time).
const rules = fc
  .record({
    shape: fc.constantFrom('MONTHLY', 'YEARLY', 'WEEKLY'),
    interval: fc.constantFrom(1, 1, 2, 3),
    days: monthDays,
    weekdays: byDay(true),
    listDays: byDay(false),
    months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
    end: fc.constantFrom(
      '',
      ';COUNT=3',
      ';COUNT=40',
      ';UNTIL=20280630',
      ';UNTIL=20280115T083000',
      ';UNTIL=20271103T060000Z',
    ),
  })
  .map((r) => {
    const head = `FREQ=${r.shape}${r.interval > 1 ? `;INTERVAL=${r.interval}` : ''}`;
    if (r.shape === 'WEEKLY') return head + part('BYDAY', r.listDays) + r.end;
    const months =
      r.shape === 'YEARLY'
        ? part(
            'BYMONTH',
            [...r.months].sort((a, b) => a - b),
          )
        : '';
    const days = part(
      'BYMONTHDAY',
      [...r.days].sort((a, b) => a - b),
    );
    return head + months + days + (days ? '' : part('BYDAY', r.weekdays)) + r.end;
  });

const cases = fc.record({
  rrule: rules,
  repeatFrom: fc.constantFrom('due' as const, 'due' as const, 'completion' as const),
  timeZone: fc.constantFrom(...ZONES),
  day: fc.integer({ min: 0, max: 500 }),
  time: fc.constantFrom(null, '00:00', '01:30', '02:15', '02:30', '09:00', '23:45'),
  occurrence: fc.integer({ min: 1, max: 3 }),
  // The completion comes later, up to three years (the stored schedule long behind).
  laterDays: fc.integer({ min: 0, max: 1100 }),
  laterMs: fc.integer({ min: 0, max: DAY - 1 }),
});

/** The cases, each with its due day and the moment of its completion, in day order. */
function sampleCases() {
  return fc
    .sample(cases, { numRuns: 80, seed: 30 })
    .map((c) => {
      const date = new Date(Date.parse('2026-09-01') + c.day * DAY).toISOString().slice(0, 10);
      const now = new Date(Date.parse(date) + c.laterDays * DAY + c.laterMs);
      return { ...c, date, now };
    })
    .sort((a, b) => a.day - b.day || +a.now - +b.now);
}

/** The schedule the statement builds for each case, and the completion it looks up in it. */
async function buildInSql(sampled: ReturnType<typeof sampleCases>) {
  const rows = sql.join(
    sampled.map(
      (c, k) => sql`(${c.rrule}::text, ${c.repeatFrom}::text, ${c.date}::date, ${c.time}::text,
        ${c.timeZone}::text, ${c.occurrence}::int, ${c.now.toISOString()}::timestamptz, ${k}::int)`,
    ),
    sql`, `,
  );
  const due = CASE_ROW_DUE;
  const result = await testDb().execute<{ schedule: unknown; next: unknown }>(
    sql`select x.s as schedule, ${nextOf(sql`x.s`, sql`q.rf`, due)} as next
      from (values ${rows}) as q(r, rf, d, t, z, o, n, k)
      cross join lateral (select ${builtSchedule(sql`q.r`, sql`q.rf`, sql`q.d`, sql`q.n`)} as s
        offset 0) x
      order by q.k`,
  );
  return result.rows;
}

describe('the schedule the statement builds (task_schedule)', () => {
  it('is the worker’s, and a completion in it is the engine’s, across DST zones', async () => {
    const ordered = sampleCases();
    // Ten cases a statement: the suite's one database serves every test file at once, and one
    // statement of all eighty could outwait the client's per-trip timeout behind the others.
    const rows: { schedule: unknown; next: unknown }[] = [];
    for (let start = 0; start < ordered.length; start += 10) {
      rows.push(...(await buildInSql(ordered.slice(start, start + 10))));
    }
    const worker = ordered.map((c) => buildSchedule(c.rrule, c.repeatFrom, c.date, c.now));
    expect(rows.map((row) => row.schedule)).toEqual(worker);
    const engine = ordered.map((c) => {
      const next = nextOccurrence(c, { repeatFrom: c.repeatFrom, now: c.now });
      return next ? { d: next.date, o: next.occurrence } : { d: null };
    });
    expect(rows.map((row) => row.next)).toEqual(engine);
  });
});
