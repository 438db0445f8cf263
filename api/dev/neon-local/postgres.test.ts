// The same fidelity suite on a PostgreSQL server: a throwaway cluster when the server binaries
// are installed, or the server PG_TEST_URL names. Neither → the suite fails, it never skips.
import pg from 'pg';
import { hasPostgresBinaries, startThrowawayCluster } from '../pg-cluster.ts';
import { describeMigrations } from '../../test/fidelity/migrations.ts';
import { describeFidelity, useTarget } from '../../test/fidelity/suite.ts';
import { describeListsMigration } from '../../test/fidelity/lists-migration.ts';
import { describeUuidMigration } from '../../test/fidelity/uuid-migration.ts';
import { startNeonLocal } from './index.ts';

/** A fresh database on the configured server, dropped again by the returned function. */
async function scratchDatabase(url: string) {
  const name = `fidelity_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const drop = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
  return { url: scratch.toString(), drop };
}

async function startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.PG_TEST_URL;
  if (given) {
    const database = await scratchDatabase(given);
    return { url: database.url, stop: database.drop };
  }
  if (!hasPostgresBinaries()) {
    throw new Error(
      'The PostgreSQL fidelity suite needs a server: install PostgreSQL 15 server binaries ' +
        '(/usr/lib/postgresql/15/bin, or set PG_BIN_DIR) or set PG_TEST_URL to a postgres:// URL.',
    );
  }
  return startThrowawayCluster();
}

const server = useTarget(async () => {
  const postgres = await startPostgres();
  const server = await startNeonLocal({
    backend: 'postgres',
    postgresUrl: postgres.url,
    quiet: true,
  });
  return {
    server,
    close: async () => {
      await server.close();
      await postgres.stop();
    },
  };
});

describeFidelity('a PostgreSQL server', server);
describeMigrations('a PostgreSQL server', server);
describeUuidMigration('a PostgreSQL server', server);
describeListsMigration('a PostgreSQL server', server);
