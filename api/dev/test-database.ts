import type pg from 'pg';
import { createDb, type Database } from '../src/db/client.ts';
import { createMeter } from '../src/db/meter.ts';
import type { Env } from '../src/env.ts';
import { applyMigrations } from './migrate.ts';
import { startNeonLocal } from './neon-local/index.ts';
import { startThrowawayCluster } from './pg-cluster.ts';
import { testPool } from './test-pool.ts';

/** A migrated throwaway cluster behind the local Neon server: the worker's driver and a pool. */
export interface TestDatabase {
  /** The worker's own client (neon-http through the local Neon server). */
  db: Database;
  /** Plain connections for the test's own statements (held transactions, setup rows). */
  pool: pg.Pool;
  stop: () => Promise<void>;
}

/** Starts the cluster `database`, migrates it, and opens both clients; `stop` ends them all. */
export async function startTestDatabase(
  database: string,
  { poolSize, timeoutMs }: { poolSize: number; timeoutMs: number },
): Promise<TestDatabase> {
  const cluster = await startThrowawayCluster({ database });
  const server = await startNeonLocal({
    backend: 'postgres',
    postgresUrl: cluster.url,
    quiet: true,
  });
  await applyMigrations(server.connectionString, { fetchEndpoint: server.url });
  const pool = testPool(cluster.url, poolSize);
  const env = {
    DATABASE_URL: server.connectionString,
    NEON_HTTP_ENDPOINT: server.url,
    DB_TIMEOUT_MS: timeoutMs,
  } as Env;
  const stop = async () => {
    await pool.end();
    await server.close();
    await cluster.stop();
  };
  return { db: createDb(env, createMeter()), pool, stop };
}

/** Inserts a user (the trigger gives them an Inbox); answers the id (its email is `<id>@…`). */
export async function insertUser(pool: pg.Pool): Promise<string> {
  const id = crypto.randomUUID();
  await pool.query(
    `insert into users (id, name, email, email_verified, created_at, updated_at)
     values ($1::uuid, 'user', $1::text || '@example.com', false, now(), now())`,
    [id],
  );
  return id;
}
