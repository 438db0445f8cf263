// Migration 0007 on data written before it: every user gets exactly one Inbox, owned by them,
// their tasks move into it, and the counters are re-keyed by list. Registered by each backend's
// test file after the migrator's own tests, on the server it already runs.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neon, neonConfig } from '@neondatabase/serverless';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS_FOLDER } from '../../dev/migrate.ts';
import type { NeonLocal } from '../../dev/neon-local/index.ts';

const LISTS_MIGRATION = '0007_lists';

/** The real migrations folder, cut just before 0007. */
function folderBeforeLists(): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  mkdirSync(join(folder, 'meta'));
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
  );
  const cut = journal.entries.findIndex((entry: { tag: string }) => entry.tag === LISTS_MIGRATION);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const { tag } of journal.entries) {
    copyFileSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
  }
  return folder;
}

export function describeListsMigration(backend: string, target: () => NeonLocal) {
  describe(`migration ${LISTS_MIGRATION} on ${backend}`, () => {
    const folder = folderBeforeLists();
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('gives every user one Inbox holding their tasks, with counters by list', async () => {
      const server = target();
      neonConfig.fetchEndpoint = server.url;
      const sql = neon(server.connectionString);
      // Another suite may have migrated this database already: start from an empty schema.
      await sql`DROP SCHEMA IF EXISTS drizzle CASCADE`;
      await sql`DROP SCHEMA public CASCADE`;
      await sql`CREATE SCHEMA public`;
      await applyMigrations(server.connectionString, { migrationsFolder: folder });
      const [a, b] = await sql`INSERT INTO users (name, email)
        VALUES ('', 'a@example.com'), ('', 'b@example.com'), ('', 'none@example.com')
        RETURNING id`;
      await sql`INSERT INTO tasks (user_id, title, completed, tags) VALUES
        (${a!.id}, 'one', false, '{home}'), (${a!.id}, 'two', true, '{home,work}'),
        (${b!.id}, 'three', false, '{}')`;

      expect(await applyMigrations(server.connectionString)).toBeGreaterThanOrEqual(1);

      const inboxes = await sql`SELECT u.email, count(l.id)::int AS inboxes,
          bool_and(m.role = 'owner') AS owner, min(l.name) AS name
        FROM users u JOIN lists l ON l.inbox_of = u.id
        JOIN list_members m ON m.list_id = l.id AND m.user_id = u.id
        GROUP BY u.email ORDER BY u.email`;
      expect(inboxes).toEqual([
        { email: 'a@example.com', inboxes: 1, owner: true, name: 'Inbox' },
        { email: 'b@example.com', inboxes: 1, owner: true, name: 'Inbox' },
        { email: 'none@example.com', inboxes: 1, owner: true, name: 'Inbox' },
      ]);
      const moved = await sql`SELECT t.title, t.completed_by = t.user_id AS completer
        FROM tasks t JOIN lists l ON l.id = t.list_id AND l.inbox_of = t.user_id
        ORDER BY t.title`;
      expect(moved).toEqual([
        { title: 'one', completer: null },
        { title: 'three', completer: null },
        { title: 'two', completer: true },
      ]);
      const counters = await sql`SELECT u.email, c.pending, c.completed
        FROM list_task_counts c JOIN lists l ON l.id = c.list_id JOIN users u ON u.id = l.inbox_of
        ORDER BY u.email`;
      expect(counters).toEqual([
        { email: 'a@example.com', pending: 1, completed: 1 },
        { email: 'b@example.com', pending: 1, completed: 0 },
      ]);
      const tags = await sql`SELECT tag, count FROM list_tag_counts ORDER BY tag`;
      expect(tags).toEqual([
        { tag: 'home', count: 2 },
        { tag: 'work', count: 1 },
      ]);
    });

    it('creates the Inbox of a new user and files list-less tasks there', async () => {
      const sql = neon(target().connectionString);
      const [user] = await sql`INSERT INTO users (name, email) VALUES ('', 'new@example.com')
        RETURNING id`;
      await sql`INSERT INTO tasks (user_id, title) VALUES (${user!.id}, 'first')`;
      const rows = await sql`SELECT l.name, m.role FROM tasks t JOIN lists l ON l.id = t.list_id
        JOIN list_members m ON m.list_id = l.id WHERE t.user_id = ${user!.id}`;
      expect(rows).toEqual([{ name: 'Inbox', role: 'owner' }]);
      await expect(
        sql`INSERT INTO lists (name, inbox_of) VALUES ('Second', ${user!.id})`,
      ).rejects.toMatchObject({ code: '23505' });
    });
  });
}
