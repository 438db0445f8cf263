import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { daysToDate, dateToDays, zonedToInstant } from '@tasks/shared/recurrence';
import { describe, expect, it } from 'vitest';
import { testDb } from '../../../test/auth.ts';
import { DST_ZONES } from '../../../test/time.ts';
import { zonedInstant } from './zoned-sql.ts';

const ZONES = [...DST_ZONES, 'UTC'];
// Every day from 2025 to 2028, and every half hour: DST nights come up often enough, and the
// hours they move are added below for certain.
const day = fc.integer({ min: dateToDays('2025-01-01'), max: dateToDays('2028-12-31') });
const time = fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)), {
  nil: null,
});
const local = fc.record({
  date: day.map(daysToDate),
  time: time.map((t) => t && `${String(t[0]).padStart(2, '0')}:${String(t[1]).padStart(2, '0')}`),
  zone: fc.constantFrom(...ZONES),
});
type Local = { date: string; time: string | null; zone: string };

// Spring forward and fall back in each zone with DST (gap and repeated hour).
const EDGES: Local[] = [
  { date: '2026-03-08', time: '02:30', zone: 'America/New_York' },
  { date: '2026-11-01', time: '01:30', zone: 'America/New_York' },
  { date: '2026-03-29', time: '01:15', zone: 'Europe/London' },
  { date: '2026-10-25', time: '01:45', zone: 'Europe/London' },
  { date: '2026-10-04', time: '02:15', zone: 'Australia/Lord_Howe' },
  { date: '2026-04-05', time: '01:45', zone: 'Australia/Lord_Howe' },
  { date: '2026-09-06', time: '00:00', zone: 'America/Santiago' },
  { date: '2026-09-06', time: null, zone: 'America/Santiago' },
  { date: '2026-04-04', time: '23:30', zone: 'America/Santiago' },
];

/** What the SQL derives for each local time, in one statement. */
async function inSql(cases: Local[]): Promise<string[]> {
  const rows = sql.join(
    cases.map((c) => sql`(${c.date}::date, ${c.time}::text, ${c.zone}::text)`),
    sql`, `,
  );
  const instant = zonedInstant(sql`c.d`, sql`c.t`, sql`c.z`);
  const result = await testDb().execute<{ at: string }>(
    sql`select to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
      from (values ${rows}) as c(d, t, z)`,
  );
  return result.rows.map((row) => row.at);
}

describe('the SQL local-to-instant conversion', () => {
  it('agrees with the engine across zones, DST gaps and repeated hours', async () => {
    const cases = [...EDGES, ...fc.sample(local, { numRuns: 400, seed: 25 })];
    const engine = cases.map((c) => zonedToInstant(c.date, c.time, c.zone).toISOString());
    expect(await inSql(cases)).toEqual(engine);
    // The rules themselves, as the engine's tests state them.
    expect(engine.slice(0, 2)).toEqual(['2026-03-08T07:30:00.000Z', '2026-11-01T05:30:00.000Z']);
  });

  it('is null without a day', async () => {
    const [row] = (
      await testDb().execute<{ at: string | null }>(
        sql`select ${zonedInstant(sql`null`, sql`'09:00'`, sql`'UTC'`)} as at`,
      )
    ).rows;
    expect(row?.at).toBeNull();
  });
});
