// The counters of migrations 0004_task_counts and 0007_lists (keyed by list) on a PostgreSQL server, where writes really run at
// the same time (PGlite, behind the worker suite, runs one statement at a time): they never
// drift from a real COUNT, never deadlock each other, and backfill the tasks that predate them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS_FOLDER } from './migrate.ts';
import { startNeonLocal, type NeonLocal } from './neon-local/index.ts';
import { startThrowawayCluster, type ThrowawayCluster } from './pg-cluster.ts';
import { testPool } from './test-pool.ts';

let cluster: ThrowawayCluster;
let server: NeonLocal;
let pool: pg.Pool;
const folders: string[] = [];

/** The migrations folder as it was before `tag`: the journal cut off there. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  folders.push(folder);
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const path = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(path, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((entry) => entry.tag === tag),
  );
  writeFileSync(path, JSON.stringify(journal));
  return folder;
}

const TAGS = ['home', 'work', 'errands', 'later', 'big'];
const pick = <T>(items: readonly T[], seed: number) => items[seed % items.length]!;

/** Inserts `n` users; answers their ids. */
async function addUsers(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => crypto.randomUUID());
  for (const id of ids) {
    await pool.query(
      `insert into users (id, name, email, email_verified, created_at, updated_at)
       values ($1::uuid, 'user', $1::text || '@example.com', false, now(), now())`,
      [id],
    );
  }
  return ids;
}

async function addTasks(userId: string, n: number, seed = 0) {
  await pool.query(
    `insert into tasks (user_id, title, completed, tags)
     select $1, 'task ' || g, (g + $3::int) % 3 = 0, array[($4::text[])[1 + (g + $3::int) % 5], ($4::text[])[1 + g % 2]]
     from generate_series(1, $2::int) g`,
    [userId, n, seed, TAGS],
  );
}

/** What the counters say, and what counting the tasks says, in the same shape. */
async function countersAndTruth() {
  const read = async (sql: string) => (await pool.query(sql)).rows as unknown[];
  return {
    counters: {
      tasks: await read(`select list_id, pending, completed from list_task_counts order by 1`),
      tags: await read(`select list_id, tag, count from list_tag_counts order by 1, 2`),
    },
    truth: {
      tasks: await read(`select list_id, count(*) filter (where not completed)::int as pending,
        count(*) filter (where completed)::int as completed from tasks group by 1 order by 1`),
      tags: await read(`select list_id, tag, count(*)::int as count
        from tasks cross join lateral (select distinct unnest(tags) as tag) t
        group by 1, 2 order by 1, 2`),
    },
  };
}

/**
 * One random write of the kinds the API makes, on `userId`'s tasks. Each multi-row write first
 * locks its rows in id order: two writes that lock the same task rows in opposite orders deadlock
 * on the rows themselves, whatever the counters do, and the counters are what this test is about.
 */
function randomWrite(userId: string, seed: number): [string, unknown[]] {
  const some = `(select id from tasks where user_id = $1 order by md5(id::text || $2) limit 5)`;
  const locked = (rows: string) =>
    `with locked as (select id from tasks where ${rows} order by id for update) `;
  const onSome = locked(`id in ${some}`);
  const mine = 'id in (select id from locked)';
  switch (seed % 7) {
    case 0:
      return [
        `insert into tasks (user_id, title, tags) values ($1, 'new', $2)`,
        [userId, [pick(TAGS, seed)]],
      ];
    case 1:
      return [`${onSome}update tasks set completed = not completed where ${mine}`, [userId, seed]];
    case 2:
      return [
        `${onSome}update tasks set tags = $3 where ${mine}`,
        [userId, seed, [pick(TAGS, seed + 1)]],
      ];
    case 3:
      return [`${onSome}update tasks set title = 'renamed' where ${mine}`, [userId, seed]];
    case 4:
      return [`${onSome}delete from tasks where ${mine}`, [userId, seed]];
    case 5:
      return [
        `${onSome}update tasks set completed = true where user_id = $1 and ${mine}`,
        [userId, seed],
      ];
    default:
      return [
        `${locked('user_id = $1 and completed and $2::int >= 0')}delete from tasks where ${mine}`,
        [userId, seed],
      ];
  }
}

beforeAll(async () => {
  cluster = await startThrowawayCluster({ database: 'counts' });
  server = await startNeonLocal({ backend: 'postgres', postgresUrl: cluster.url, quiet: true });
  pool = testPool(cluster.url, 8);
});

afterAll(async () => {
  await pool?.end();
  await server?.close();
  await cluster?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('task counters on PostgreSQL', () => {
  it('backfill the tasks that existed before the migration', async () => {
    const options = { fetchEndpoint: server.url };
    await applyMigrations(server.connectionString, {
      ...options,
      migrationsFolder: migrationsBefore('0004_task_counts'),
    });
    const [a, b] = await addUsers(2);
    await addTasks(a!, 40);
    await addTasks(b!, 7, 1);
    expect(await applyMigrations(server.connectionString, options)).toBeGreaterThan(0);
    const { counters, truth } = await countersAndTruth();
    expect(counters).toEqual(truth);
    expect(counters.tasks).toHaveLength(2);
  });

  it('never drift under concurrent writes, and vanish with their user', async () => {
    const users = await addUsers(3);
    for (const [i, user] of users.entries()) await addTasks(user, 60, i);
    const writes = Array.from({ length: 240 }, (_, seed) => randomWrite(pick(users, seed), seed));
    // Eight connections at once, several writes of one user in flight together.
    const results = await Promise.allSettled(
      writes.map(([sql, params]) => pool.query(sql, params)),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const { counters, truth } = await countersAndTruth();
    expect(counters).toEqual(truth);

    await pool.query(`delete from users`);
    expect(await countersAndTruth()).toEqual({
      counters: { tasks: [], tags: [] },
      truth: { tasks: [], tags: [] },
    });
  });
});
