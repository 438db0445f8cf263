import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getEnv } from '../env.ts';
import { createDb } from './client.ts';
import { executeKept, runKept } from './kept-statements.ts';
import { createMeter } from './meter.ts';
import { tasks } from './schema/tasks.ts';

// A kept statement (decision 0035): the first run is the statement as it is, after which its
// function is made; later runs call the function and answer the same.

/** A client whose after-the-answer work the test can wait for, and its round-trip meter. */
function client() {
  const deferred: Promise<unknown>[] = [];
  const meter = createMeter();
  const db = createDb(getEnv(env), meter, (work) => deferred.push(work));
  const settled = async () => {
    await Promise.all(deferred.splice(0));
  };
  return { db, meter, settled };
}

/** Direct SQL through a client of its own. */
const direct = () => createDb(getEnv(env), createMeter());

/** The kept functions whose body holds `tag`. */
async function functionsWith(tag: string): Promise<string[]> {
  const result = await direct().execute<{ proname: string }>(
    sql`select proname from pg_proc where proname like 'kept\\_%' and prosrc like ${`%${tag}%`}`,
  );
  return result.rows.map((row) => row.proname);
}

/** A statement no other test runs: a fresh entry, and a function of its own. */
const statement = (tag: string, n: number) => sql`
  select ${n}::int + 1 as "n plus ""one""", 'kept'::text as label,
    '2026-01-02T03:04:05Z'::timestamptz as at, array['a', 'b']::text[] as tags
  /* ${sql.raw(tag)} */`;

describe('kept statements', () => {
  it('answer as the statement does, first as it is and then through their function', async () => {
    const tag = `t${crypto.randomUUID().replaceAll('-', '')}`;
    const first = client();
    const raw = await executeKept<Record<string, unknown>>(first.db, statement(tag, 1));
    await first.settled();
    const [name] = await functionsWith(tag);
    expect(name).toMatch(/^kept_[0-9a-f]{24}$/);
    const second = client();
    const kept = await executeKept<Record<string, unknown>>(second.db, statement(tag, 41));
    expect(raw.rows).toEqual([
      { 'n plus "one"': 2, label: 'kept', at: raw.rows[0]!.at, tags: ['a', 'b'] },
    ]);
    expect(kept.rows).toEqual([{ ...raw.rows[0], 'n plus "one"': 42 }]);
    expect(kept.fields.map((f) => [f.name, f.dataTypeID])).toEqual(
      raw.fields.map((f) => [f.name, f.dataTypeID]),
    );
    expect(second.meter.roundTrips).toBe(1);
  });

  it('run as they are when their function is gone, and make it again', async () => {
    const tag = `t${crypto.randomUUID().replaceAll('-', '')}`;
    const first = client();
    await executeKept(first.db, statement(tag, 1));
    await first.settled();
    const [name] = await functionsWith(tag);
    await direct().execute(sql`drop function ${sql.identifier(name!)}`);
    // The isolate believes the function is there: the call fails, the statement runs as it is.
    const second = client();
    const answer = await executeKept<Record<string, unknown>>(second.db, statement(tag, 2));
    expect(answer.rows[0]!['n plus "one"']).toBe(3);
    expect(second.meter.roundTrips).toBe(2);
    await second.settled();
    expect(await functionsWith(tag)).toEqual([name]);
    const third = client();
    await executeKept(third.db, statement(tag, 3));
    expect(third.meter.roundTrips).toBe(1);
  });

  it('raise what the statement raises, through the function', async () => {
    const tag = `t${crypto.randomUUID().replaceAll('-', '')}`;
    const divide = (d: number) => sql`select 10 / ${d}::int as q /* ${sql.raw(tag)} */`;
    const first = client();
    expect((await executeKept<{ q: number }>(first.db, divide(2))).rows).toEqual([{ q: 5 }]);
    await first.settled();
    expect(await functionsWith(tag)).toHaveLength(1);
    const error = await executeKept(client().db, divide(0)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '22012' });
  });

  it('map a Drizzle select through its function as Drizzle maps it', async () => {
    const tag = `t${crypto.randomUUID().replaceAll('-', '')}`;
    const select = (db: ReturnType<typeof direct>, n: number) =>
      db
        .select({
          n: sql<number>`${n}::int /* ${sql.raw(tag)} */`,
          at: sql`'2026-01-02T03:04:05Z'::timestamptz`.mapWith((value: string) => new Date(value)),
        })
        .from(sql`(select 1) as one`);
    const first = client();
    expect(await runKept(first.db, select(first.db, 1))).toEqual([
      { n: 1, at: new Date('2026-01-02T03:04:05Z') },
    ]);
    await first.settled();
    expect(await functionsWith(tag)).toHaveLength(1);
    const again = client();
    expect(await runKept(again.db, select(again.db, 2))).toEqual([
      { n: 2, at: new Date('2026-01-02T03:04:05Z') },
    ]);
  });

  it('leave a statement that answers no columns as it is', async () => {
    const tag = `t${crypto.randomUUID().replaceAll('-', '')}`;
    const empty = sql`select from ${tasks} where false /* ${sql.raw(tag)} */`;
    const first = client();
    await executeKept(first.db, empty);
    await first.settled();
    expect(await functionsWith(tag)).toEqual([]);
    const second = client();
    expect((await executeKept(second.db, empty)).rows).toEqual([]);
    await second.settled();
    expect(await functionsWith(tag)).toEqual([]);
  });

  it('plan and run with their settings, for their own transaction only', async () => {
    const tag = `t${crypto.randomUUID().replaceAll('-', '')}`;
    const settings = { enable_seqscan: 'off', work_mem: '8MB' };
    const read = sql`select current_setting('enable_seqscan') as seqscan,
      current_setting('work_mem') as work_mem, current_setting('plan_cache_mode') as plans
      /* ${sql.raw(tag)} */`;
    const first = client();
    const raw = await executeKept(first.db, read, settings);
    await first.settled();
    expect(first.meter.roundTrips).toBe(1);
    const [name] = await functionsWith(tag);
    const second = client();
    const kept = await executeKept(second.db, read, settings);
    expect(second.meter.roundTrips).toBe(1);
    // The raw run's transaction plans by the statement's own values already.
    expect(raw.rows).toEqual([{ seqscan: 'off', work_mem: '8MB', plans: 'auto' }]);
    expect(kept.rows).toEqual([{ seqscan: 'off', work_mem: '8MB', plans: 'force_custom_plan' }]);
    // Outside them the settings are as they were; the same text without settings is another function.
    const after = client();
    expect((await executeKept(after.db, read)).rows).toEqual([
      { seqscan: 'on', work_mem: expect.not.stringMatching(/^8MB$/), plans: 'auto' },
    ]);
    await after.settled();
    expect(await functionsWith(tag)).toHaveLength(2);
    expect(await functionsWith(tag)).toContain(name);
  });
});
