// Migration 0003 on data written before it: text ids of Better Auth become uuids, and every
// column referencing a user follows. Registered by each backend's test file after the migrator's
// own tests, on the server it already runs.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neon, neonConfig } from '@neondatabase/serverless';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS_FOLDER } from '../../dev/migrate.ts';
import type { NeonLocal } from '../../dev/neon-local/index.ts';

const UUID_MIGRATION = '0003_uuid_user_ids';
/** Better Auth's former ids: 32 random alphanumerics. */
const LEGACY_USER = 'Xq3bV9kLmN2pR7sT1uW4yZ6aC8dE0fGh';
/** A text id that already was a uuid keeps its value. */
const UUID_USER = '0b9c1f6e-3d2a-4c5b-9e8f-7a6b5c4d3e2f';
const UUID_SHAPE = /^[\da-f]{8}-[\da-f]{4}-[1-8][\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

/** The real migrations folder, cut just before 0003. */
function folderBeforeUuids(): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  mkdirSync(join(folder, 'meta'));
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
  );
  const cut = journal.entries.findIndex((entry: { tag: string }) => entry.tag === UUID_MIGRATION);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const { tag } of journal.entries) {
    copyFileSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
  }
  return folder;
}

export function describeUuidMigration(backend: string, target: () => NeonLocal) {
  describe(`migration ${UUID_MIGRATION} on ${backend}`, () => {
    const folder = folderBeforeUuids();
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('turns existing text ids into uuids and keeps every reference', async () => {
      const server = target();
      neonConfig.fetchEndpoint = server.url;
      const sql = neon(server.connectionString);
      await applyMigrations(server.connectionString, { migrationsFolder: folder });
      await seedLegacyRows(sql);

      expect(await applyMigrations(server.connectionString)).toBeGreaterThanOrEqual(1);

      const users = await sql`SELECT id, email FROM users ORDER BY email`;
      expect(users.map((user) => user.email)).toEqual(['legacy@example.com', 'uuid@example.com']);
      const legacyId = users[0]!.id as string;
      expect(legacyId).toMatch(UUID_SHAPE);
      expect(users[1]!.id).toBe(UUID_USER);
      const owned = await sql`SELECT
          (SELECT count(*)::int FROM tasks WHERE user_id = ${legacyId}) AS tasks,
          (SELECT count(*)::int FROM sessions WHERE user_id = ${legacyId}) AS sessions,
          (SELECT count(*)::int FROM accounts WHERE user_id = ${legacyId}
             AND account_id = ${legacyId}) AS accounts,
          (SELECT count(*)::int FROM idempotency_keys WHERE user_id = ${legacyId}) AS keys,
          (SELECT count(*)::int FROM auth_rate_limits WHERE key = 'sign-in:legacy@example.com')
            AS limits`;
      expect(owned).toEqual([{ tasks: 2, sessions: 1, accounts: 1, keys: 1, limits: 1 }]);
      const others = await sql`SELECT s.id AS session, v.id AS verification, j.id AS key
        FROM sessions s, verifications v, jwks j`;
      for (const id of Object.values(others[0]!)) expect(id).toMatch(UUID_SHAPE);
      // The session cookie carries the token, not the id: it still finds its session.
      expect(
        await sql`SELECT count(*)::int AS n FROM sessions WHERE token = 'legacy-token'`,
      ).toEqual([{ n: 1 }]);
    });

    it('types the columns uuid, with database defaults and the foreign keys back', async () => {
      const sql = neon(target().connectionString);
      const columns = await sql`SELECT table_name || '.' || column_name AS name, data_type,
          column_default FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name IN ('id', 'user_id')
          AND table_name IN ('users', 'sessions', 'accounts', 'verifications', 'jwks', 'tasks',
            'idempotency_keys')
        ORDER BY 1`;
      for (const column of columns) expect(column).toMatchObject({ data_type: 'uuid' });
      expect(columns).toHaveLength(10);
      const [user] = await sql`INSERT INTO users (name, email) VALUES ('', 'new@example.com')
        RETURNING id`;
      expect(user!.id).toMatch(UUID_SHAPE);
      // In the new user's Inbox (0007), so only the user reference can fail.
      await expect(
        sql`INSERT INTO tasks (user_id, list_id, title) VALUES (${crypto.randomUUID()},
          (SELECT id FROM lists WHERE inbox_of = ${user!.id}), 'orphan')`,
      ).rejects.toMatchObject({ code: '23503' });
      await sql`DELETE FROM users WHERE email = 'legacy@example.com'`;
      expect(await sql`SELECT count(*)::int AS n FROM tasks`).toEqual([{ n: 1 }]);
    });
  });
}

type Sql = ReturnType<typeof neon<false, false>>;

/** What a database held before 0003: one legacy user with everything a user owns. */
async function seedLegacyRows(sql: Sql) {
  await sql.transaction([
    sql`INSERT INTO users (id, name, email) VALUES (${LEGACY_USER}, '', 'legacy@example.com'),
      (${UUID_USER}, '', 'uuid@example.com')`,
    sql`INSERT INTO sessions (id, token, user_id, expires_at)
      VALUES ('Sess1onIdOfThirtyTwoCharacters00', 'legacy-token', ${LEGACY_USER}, now() + interval '1 day')`,
    sql`INSERT INTO accounts (id, account_id, provider_id, user_id, password)
      VALUES ('Acc0untIdOfThirtyTwoCharacters00', ${LEGACY_USER}, 'credential', ${LEGACY_USER}, 'salt:key')`,
    sql`INSERT INTO verifications (id, identifier, value, expires_at)
      VALUES ('Ver1ficationIdOfThirtyTwoChars00', 'someone', 'v', now())`,
    sql`INSERT INTO jwks (id, public_key, private_key, created_at)
      VALUES ('KeyIdOfThirtyTwoCharacters000000', '{}', 'encrypted', now())`,
    sql`INSERT INTO tasks (user_id, title) VALUES (${LEGACY_USER}, 'one'), (${LEGACY_USER}, 'two'),
      (${UUID_USER}, 'three')`,
    sql`INSERT INTO idempotency_keys (user_id, key, request_hash, response)
      VALUES (${LEGACY_USER}, 'k1', 'h', '{}')`,
    sql`INSERT INTO auth_rate_limits (key, hits, reset_at)
      VALUES ('sign-in:legacy@example.com', 1, now() + interval '1 minute')`,
  ]);
}
