// The throwaway cluster, and the local Neon server riding out a PostgreSQL outage the way the
// soak test provokes one (stopServer / startServer on the same port and data).
import { existsSync } from 'node:fs';
import { neon, neonConfig } from '@neondatabase/serverless';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNeonLocal, type NeonLocal } from './neon-local/index.ts';
import { startThrowawayCluster, type ThrowawayCluster } from './pg-cluster.ts';

describe('throwaway PostgreSQL cluster', () => {
  let cluster: ThrowawayCluster;
  let server: NeonLocal;
  beforeAll(async () => {
    cluster = await startThrowawayCluster({ database: 'outage' });
    server = await startNeonLocal({ backend: 'postgres', postgresUrl: cluster.url, quiet: true });
    neonConfig.fetchEndpoint = server.url;
  });
  afterAll(async () => {
    await server?.close();
    await cluster?.stop();
  });

  it('serves its database on 127.0.0.1 in UTC', async () => {
    expect(cluster.url).toBe(`postgres://postgres@127.0.0.1:${cluster.port}/outage`);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT current_database() AS db, current_setting('TimeZone') AS tz, current_setting('fsync') AS fsync",
    );
    await client.end();
    expect(rows).toEqual([{ db: 'outage', tz: 'UTC', fsync: 'off' }]);
  });

  it('fails requests while the server is down, then recovers with the data kept', async () => {
    const sql = neon(server.connectionString);
    await sql`CREATE TABLE survivors (name text)`;
    await sql`INSERT INTO survivors VALUES ('before')`;
    await cluster.stopServer();
    await expect(sql`SELECT 1`).rejects.toThrow(/^Server error \(HTTP status 500\)/);
    await expect(sql.transaction([sql`SELECT 1`])).rejects.toThrow(/HTTP status 500/);
    await cluster.startServer();
    expect(await sql`SELECT name FROM survivors`).toEqual([{ name: 'before' }]);
  });

  it('removes its directory on stop', async () => {
    expect(existsSync(cluster.dataDir)).toBe(true);
    await cluster.stop();
    expect(existsSync(cluster.dataDir)).toBe(false);
  });
});
