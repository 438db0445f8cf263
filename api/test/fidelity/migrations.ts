// The migrator over the local Neon server: drizzle's bookkeeping, idempotence, atomicity.
// Registered by each backend's test file, on the server it already runs.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neon, neonConfig } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../dev/migrate.ts';
import type { NeonLocal } from '../../dev/neon-local/index.ts';

const FIRST = `CREATE TABLE migrated_notes (id serial PRIMARY KEY, body text NOT NULL);
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX migrated_notes_body_trgm ON migrated_notes USING gin (body gin_trgm_ops);`;
const SECOND = `ALTER TABLE migrated_notes ADD COLUMN done boolean NOT NULL DEFAULT false;`;
const BROKEN = `ALTER TABLE migrated_notes ADD COLUMN tag text;
--> statement-breakpoint
ALTER TABLE no_such_table ADD COLUMN x int;`;

/** Writes a drizzle-kit style folder: meta/_journal.json plus one .sql file per entry. */
function migrationsFolder(entries: [tag: string, when: number, sql: string][]): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  mkdirSync(join(folder, 'meta'));
  const journal = entries.map(([tag, when], idx) => ({
    idx,
    version: '7',
    when,
    tag,
    breakpoints: true,
  }));
  writeFileSync(
    join(folder, 'meta', '_journal.json'),
    JSON.stringify({ version: '7', dialect: 'postgresql', entries: journal }),
  );
  for (const [tag, , sql] of entries) writeFileSync(join(folder, `${tag}.sql`), sql);
  return folder;
}

/** Registers the migrator's tests against the server `target()` returns. */
export function describeMigrations(backend: string, target: () => NeonLocal) {
  describe(`applyMigrations on ${backend}`, () => {
    let server: NeonLocal;
    const folders: string[] = [];
    const folder = (entries: [string, number, string][]) => {
      folders.push(migrationsFolder(entries));
      return folders.at(-1)!;
    };
    beforeAll(() => {
      server = target();
    });
    afterAll(() => {
      for (const path of folders) rmSync(path, { recursive: true, force: true });
    });

    it('applies pending migrations once, with drizzle-compatible bookkeeping', async () => {
      const options = {
        fetchEndpoint: server.url,
        migrationsFolder: folder([['0000_notes', 1000, FIRST]]),
      };
      expect(await applyMigrations(server.connectionString, options)).toBe(1);
      expect(await applyMigrations(server.connectionString, options)).toBe(0);
      neonConfig.fetchEndpoint = server.url;
      const sql = neon(server.connectionString);
      expect(await sql`SELECT hash, created_at FROM drizzle.__drizzle_migrations`).toEqual([
        { hash: createHash('sha256').update(FIRST).digest('hex'), created_at: '1000' },
      ]);
      const later = folder([
        ['0000_notes', 1000, FIRST],
        ['0001_done', 2000, SECOND],
      ]);
      expect(await applyMigrations(server.connectionString, { migrationsFolder: later })).toBe(1);
      await sql`INSERT INTO migrated_notes (body) VALUES ('x')`;
      expect(await sql`SELECT body, done FROM migrated_notes`).toEqual([
        { body: 'x', done: false },
      ]);
    });

    it('rolls a failing migration back whole and records nothing', async () => {
      const broken = folder([
        ['0000_notes', 1000, FIRST],
        ['0001_done', 2000, SECOND],
        ['0002_broken', 3000, BROKEN],
      ]);
      await expect(
        applyMigrations(server.connectionString, {
          fetchEndpoint: server.url,
          migrationsFolder: broken,
        }),
      ).rejects.toMatchObject({ code: '42P01' });
      const sql = neon(server.connectionString);
      const columns = await sql`SELECT column_name FROM information_schema.columns
      WHERE table_name = 'migrated_notes' ORDER BY ordinal_position`;
      expect(columns.map((column) => column.column_name)).toEqual(['id', 'body', 'done']);
      expect(await sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`).toEqual([
        { n: 2 },
      ]);
    });

    it("drops the kept statements' functions when it applies a migration", async () => {
      neonConfig.fetchEndpoint = server.url;
      const sql = neon(server.connectionString);
      const kept = `kept_${'ab'.repeat(12)}`;
      await sql.query(`CREATE FUNCTION ${kept}(int) RETURNS int LANGUAGE sql AS 'select $1'`);
      await sql.query(`CREATE FUNCTION kept_other(int) RETURNS int LANGUAGE sql AS 'select $1'`);
      const names = async () =>
        (await sql.query(`SELECT proname FROM pg_proc WHERE proname LIKE 'kept%' ORDER BY 1`)).map(
          (row) => row.proname as string,
        );
      expect(await names()).toEqual([kept, 'kept_other']);
      const options = { migrationsFolder: folder([['0000_kept', 4000, 'SELECT 1']]) };
      expect(await applyMigrations(server.connectionString, options)).toBe(1);
      expect(await names()).toEqual(['kept_other']);
      await sql.query('DROP FUNCTION kept_other(int)');
    });
  });
}
