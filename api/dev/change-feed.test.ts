// The change feed's no-gap rule (decision 0021) on a PostgreSQL server, where transactions really
// overlap (PGlite, behind the worker suite, runs one at a time): a write that commits after a
// later-numbered one is still delivered, exactly once, however the reader's pages fall.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, ChangeCursor } from '@tasks/shared';
import { decodeChangeCursor } from '@tasks/shared';
import type { Database } from '../src/db/client.ts';
import { readFeed } from '../src/routes/changes/queries.ts';
import { insertUser, startTestDatabase, type TestDatabase } from './test-database.ts';

let database: TestDatabase;
let pool: pg.Pool;
let db: Database;

const addUser = () => insertUser(pool);

/** A new list of `userId`'s: writes to different lists do not queue on one counter row. */
async function addList(userId: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `with l as (insert into lists (name) values ('more') returning id)
     insert into list_members (list_id, user_id, role) select id, $1, 'owner' from l
     returning list_id as id`,
    [userId],
  );
  return rows[0]!.id;
}

const insertTask = (client: pg.ClientBase | pg.Pool, listId: string, title: string) =>
  client.query(
    `insert into tasks (user_id, list_id, title)
     select user_id, list_id, $2 from list_members where list_id = $1`,
    [listId, title],
  );

/** A reader that follows `userId`'s feed page by page, remembering every task upsert it saw. */
function follower(userId: string, limit = 2) {
  let cursor: ChangeCursor | undefined;
  const seen: string[] = [];
  return {
    seen,
    async start() {
      cursor = decodeChangeCursor((await readFeed(db, userId, undefined, limit)).cursor);
    },
    /** Reads until the feed says nothing more is ready. */
    async catchUp() {
      for (;;) {
        const page = await readFeed(db, userId, cursor, limit);
        const titles = page.changes
          .filter(
            (c): c is Extract<Change, { entity: 'task'; op: 'upsert' }> => c.entity === 'task',
          )
          .map((c) => c.data.title);
        seen.push(...titles);
        cursor = decodeChangeCursor(page.cursor);
        if (!page.has_more) return;
      }
    },
  };
}

/**
 * Runs `write` with a transaction held open on `held` (it writes "held" there and "quick" beside
 * it, in two lists of one user): the feed shows neither while "held" is in flight, since
 * delivering "quick" would move the cursor past "held"'s rows, and both once it commits.
 */
async function expectFeedToWaitForHeld(
  write: (held: pg.PoolClient, one: string, two: string) => Promise<void>,
) {
  const user = await addUser();
  const [one, two] = [await addList(user), await addList(user)];
  const reader = follower(user);
  await reader.start();
  const held = await pool.connect();
  try {
    await held.query('begin');
    await write(held, one, two);
    await reader.catchUp();
    expect(reader.seen).toEqual([]);
    await held.query('commit');
  } finally {
    held.release();
  }
  await reader.catchUp();
  expect(reader.seen.sort()).toEqual(['held', 'quick']);
}

beforeAll(async () => {
  database = await startTestDatabase('feed', { poolSize: 12, timeoutMs: 10_000 });
  ({ db, pool } = database);
});

afterAll(async () => {
  await database?.stop();
});

describe('the change feed on PostgreSQL', () => {
  it('waits for a held transaction whose rows are numbered before a committed one', async () => {
    await expectFeedToWaitForHeld(async (held, one, two) => {
      await insertTask(held, one, 'held'); // takes the lower change numbers
      await insertTask(pool, two, 'quick'); // higher numbers, committed first
    });
  });

  it('waits for a held transaction that started first and numbers its rows last', async () => {
    await expectFeedToWaitForHeld(async (held, one, two) => {
      await held.query('select pg_current_xact_id()'); // the older transaction id
      await insertTask(pool, two, 'quick');
      await insertTask(held, one, 'held'); // numbered after "quick"
    });
  });

  it('delivers every committed write exactly once while writers overlap and roll back', async () => {
    const user = await addUser();
    const lists = await Promise.all([0, 1, 2, 3, 4, 5].map(() => addList(user)));
    const reader = follower(user, 3);
    await reader.start();
    const committed: string[] = [];
    const writer = async (w: number) => {
      const client = await pool.connect();
      try {
        for (let i = 0; i < 12; i++) {
          const title = `w${w}-${i}`;
          await client.query('begin');
          await insertTask(client, lists[w]!, title);
          // Hold some transactions across other writers' commits and the reader's pages.
          if ((w + i) % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 5 + i));
          if ((w * 7 + i) % 5 === 0) {
            await client.query('rollback');
          } else {
            await client.query('commit');
            committed.push(title);
          }
        }
      } finally {
        client.release();
      }
    };
    let writing = true;
    const reading = (async () => {
      while (writing) await reader.catchUp();
    })();
    await Promise.all([0, 1, 2, 3, 4, 5].map(writer));
    writing = false;
    await reading;
    await reader.catchUp();
    expect(reader.seen.length).toBe(committed.length);
    expect(new Set(reader.seen)).toEqual(new Set(committed));
  });

  it('sweeps only changes past the retention, oldest first, in batches', async () => {
    const user = await addUser();
    await pool.query(`delete from changes`);
    await pool.query(
      `insert into changes (user_id, entity, entity_id, created_at)
       select $1, 'task', g::text, now() - interval '40 days' + g * interval '1 second'
       from generate_series(1, 5) g`,
      [user],
    );
    await insertTask(pool, await addList(user), 'young');
    const count = async () =>
      (await pool.query(`select count(*)::int as n from changes`)).rows[0].n;
    const young = await count();
    const sweep = async (batch: number) =>
      (await pool.query(`select changes_sweep($1) as n`, [batch])).rows[0].n as number;
    expect(await sweep(3)).toBe(3);
    expect(await sweep(100)).toBe(2);
    expect(await sweep(100)).toBe(0);
    expect(await count()).toBe(young - 5);
  });

  it('writes no row for a refill that rewrites only the schedule, one when due_at moves', async () => {
    const user = await addUser();
    const list = await addList(user);
    await insertTask(pool, list, 'refilled');
    const rows = async () =>
      (await pool.query(`select count(*)::int as n from changes where user_id = $1`, [user]))
        .rows[0].n as number;
    const before = await rows();
    const refill = (set: string) =>
      pool.query(`update tasks set ${set} where list_id = $1`, [list]);
    // What a refill stores beside due_at: nothing any answer carries (decision 0024).
    await refill(`schedule = '{"next": 2}'::jsonb`);
    expect(await rows()).toBe(before);
    await refill(`due_at = now(), schedule = '{"next": 3}'::jsonb`);
    expect(await rows()).toBe(before + 1);
  });
});
