// Applies the Drizzle migrations in api/drizzle/ through the same Neon HTTP driver the worker uses:
// the local server in development and tests, Neon's endpoint in production.
//
// drizzle-orm/neon-http/migrator sends every statement as its own HTTP request outside any
// transaction, so a failing migration leaves half its statements applied. Here the pending
// migrations and their bookkeeping rows go in one `sql.transaction` (one round trip) instead;
// the drizzle.__drizzle_migrations table keeps the layout and hashes drizzle's migrators use.
//
// CLI: `npm run db:migrate -w api` with DATABASE_URL (and NEON_HTTP_ENDPOINT for a local server).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { neon, neonConfig, type NeonQueryPromise } from '@neondatabase/serverless';
import { readMigrationFiles } from 'drizzle-orm/migrator';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

const TABLE = 'drizzle.__drizzle_migrations';
// Any constant works: it only has to be the same for every migrator of this database.
const MIGRATION_LOCK = 7_340_021;

const DROP_KEPT_STATEMENTS = `DO $$ DECLARE f regprocedure; BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
    WHERE p.proname ~ '^kept_[0-9a-f]{24}$' AND p.pronamespace = current_schema()::regnamespace
  LOOP EXECUTE format('DROP FUNCTION %s', f); END LOOP; END $$`;

export interface MigrateOptions {
  /** Sets neonConfig.fetchEndpoint, e.g. the local server's http://127.0.0.1:4444/sql. */
  fetchEndpoint?: string;
  migrationsFolder?: string;
}

/** Applies every migration newer than the last one recorded; answers how many it applied. */
export async function applyMigrations(
  connectionString: string,
  options: MigrateOptions = {},
): Promise<number> {
  if (options.fetchEndpoint) neonConfig.fetchEndpoint = options.fetchEndpoint;
  const sql = neon(connectionString);
  const migrations = readMigrationFiles({
    migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER,
  });
  const [, , last] = await sql.transaction([
    sql.query('CREATE SCHEMA IF NOT EXISTS drizzle'),
    sql.query(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
    ),
    sql.query(`SELECT max(created_at)::text AS created_at FROM ${TABLE}`),
  ]);
  const lastApplied = (last as { created_at: string | null }[])[0]?.created_at ?? null;
  // Same rule as drizzle's migrators: anything dated after the newest recorded migration.
  const pending = migrations.filter(
    (migration) => lastApplied === null || Number(lastApplied) < migration.folderMillis,
  );
  if (pending.length === 0) return 0;

  const queries: NeonQueryPromise<false, false>[] = [
    sql.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]),
    // Another migrator may have committed between our read and our lock: then apply nothing.
    sql.query(
      `DO $$ BEGIN IF (SELECT max(created_at) FROM ${TABLE}) IS DISTINCT FROM ${lastApplied ?? 'NULL'} ` +
        `THEN RAISE EXCEPTION 'migrations were applied concurrently; run the migrator again'; END IF; END $$`,
    ),
  ];
  for (const migration of pending) {
    for (const statement of migration.sql) {
      if (statement.trim()) queries.push(sql.query(statement));
    }
    queries.push(
      sql.query(`INSERT INTO ${TABLE} (hash, created_at) VALUES ($1, $2)`, [
        migration.hash,
        migration.folderMillis,
      ]),
    );
  }
  // A kept statement's function was made from the statement and the schema of its day: a schema
  // change drops them all, and the worker makes each again the next time it runs it (0035).
  queries.push(sql.query(DROP_KEPT_STATEMENTS));
  await sql.transaction(queries);
  return pending.length;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const applied = await applyMigrations(url, { fetchEndpoint: process.env.NEON_HTTP_ENDPOINT });
  console.log(`applied ${applied} migration(s)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
