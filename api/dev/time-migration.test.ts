// Migration 0009_time on a PostgreSQL server that already holds tasks: each task given as an
// instant before it keeps that instant exactly and gets its UTC day and minute as local fields.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS_FOLDER } from './migrate.ts';
import { startNeonLocal, type NeonLocal } from './neon-local/index.ts';
import { startThrowawayCluster, type ThrowawayCluster } from './pg-cluster.ts';
import { testPool } from './test-pool.ts';

let cluster: ThrowawayCluster;
let server: NeonLocal;
let pool: pg.Pool;
let before: string;

beforeAll(async () => {
  cluster = await startThrowawayCluster({ database: 'time_migration' });
  server = await startNeonLocal({ backend: 'postgres', postgresUrl: cluster.url, quiet: true });
  pool = testPool(cluster.url, 2);
  // The migrations folder with its journal cut off before 0009_time.
  before = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
  const path = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(path, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.tag < '0009');
  writeFileSync(path, JSON.stringify(journal));
});

afterAll(async () => {
  await pool?.end();
  await server?.close();
  await cluster?.stop();
  rmSync(before, { recursive: true, force: true });
});

it('keeps every instant and reads its local day and minute in UTC', async () => {
  const options = { fetchEndpoint: server.url };
  await applyMigrations(server.connectionString, { ...options, migrationsFolder: before });
  const user = crypto.randomUUID();
  await pool.query(
    `insert into users (id, name, email, email_verified, created_at, updated_at)
     values ($1::uuid, 'u', $1::text || '@example.com', false, now(), now())`,
    [user],
  );
  await pool.query(
    `insert into tasks (user_id, title, due_at) values
       ($1, 'timed', '2026-03-08T23:59:30.123Z'), ($1, 'undated', null)`,
    [user],
  );
  expect(await applyMigrations(server.connectionString, options)).toBeGreaterThan(0);
  const { rows } = await pool.query(
    `select title, to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as due_at,
       due_date::text, due_time, time_zone, rrule, occurrence from tasks order by title`,
  );
  expect(rows).toEqual([
    {
      title: 'timed',
      due_at: '2026-03-08T23:59:30.123',
      due_date: '2026-03-08',
      due_time: '23:59',
      time_zone: null,
      rrule: null,
      occurrence: 1,
    },
    {
      title: 'undated',
      due_at: null,
      due_date: null,
      due_time: null,
      time_zone: null,
      rrule: null,
      occurrence: 1,
    },
  ]);
});
