// Accounts go through the API (so passwords are hashed the way sign-in expects); their tasks go
// straight into the database over SQL-over-HTTP (so PGlite and PostgreSQL alike) with one
// generate_series statement, 100,000 rows in seconds.
import { apiPaths } from '@tasks/shared';
import type { SqlHttp } from './sql-http.ts';

export const BENCH_PASSWORD = 'Bench-password-1';

/** Words seeded into titles and descriptions; `SEARCH_TERM` (a partial word) hits one title in 10. */
export const SEARCH_TERM = 'quarter';
/** Carried by one task in 10. */
export const FILTER_TAG = 'urgent';

export interface Account {
  email: string;
  userId: string;
  token: string;
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} → ${response.status}: ${text}`);
  return { json: JSON.parse(text) as Record<string, unknown>, headers: response.headers };
}

/** Signs up `email` and signs in, returning the bearer token the task routes need. */
export async function createAccount(origin: string, email: string): Promise<Account> {
  const signup = await postJson(origin + apiPaths.signup, { email, password: BENCH_PASSWORD });
  return { email, userId: String(signup.json.id), token: await logIn(origin, email) };
}

/** Signs in with the bench password and returns the access token. */
export async function logIn(origin: string, email: string): Promise<string> {
  const login = await postJson(origin + apiPaths.login, { email, password: BENCH_PASSWORD });
  return String(login.json.access_token);
}

/** The ids of the lists `token`'s account belongs to, in its order (the Inbox first). */
export async function listIds(origin: string, token: string): Promise<string[]> {
  const response = await fetch(origin + apiPaths.lists, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${apiPaths.lists} → ${response.status}: ${text}`);
  return (JSON.parse(text) as { data: { id: string }[] }).data.map((list) => list.id);
}

/** Creates lists named `names` for the account of `token`, after its Inbox. */
export async function createLists(origin: string, token: string, names: string[]) {
  for (const name of names) {
    await postJson(origin + apiPaths.lists, { name }, { authorization: `Bearer ${token}` });
  }
}

/**
 * Inserts `count` tasks for `userId` in one statement. Ids derive from `label` and the row number
 * (shaped as valid v4 UUIDs, which the API insists on), so re-seeding recreates the same rows.
 * Every tenth title carries the search term and every tenth task the filter tag. Task `i` goes
 * to `lists[i % lists.length]` (interleaved in time), or without `lists` to the user's Inbox.
 */
export async function seedTasks(
  db: SqlHttp,
  userId: string,
  label: string,
  count: number,
  { analyze = true, lists = [] as string[] } = {},
) {
  await db.query(
    `INSERT INTO tasks (id, user_id, list_id, title, description, completed, completed_at, priority,
                        due_at, tags, version, created_at, updated_at)
     SELECT overlay(overlay(md5($2 || ':' || i) placing '4' from 13) placing '8' from 17)::uuid,
            $1::uuid,
            -- NULL: the tasks_default_list trigger files the task into its creator's Inbox.
            ($5::uuid[])[1 + i % greatest(cardinality($5::uuid[]), 1)],
            (ARRAY['Write','Review','Plan','Call','Email','Fix','Book','Read','Send','Check'])[1 + i % 10]
              || ' ' || (ARRAY['quarterly report','groceries','dentist','release notes','budget',
                              'team offsite','car service','slides','invoice','garden'])[1 + (i / 10) % 10]
              || ' #' || i,
            'Notes for task ' || i || CASE WHEN i % 7 = 0 THEN ' (waiting on the supplier)' ELSE '' END,
            i % 3 = 0,
            CASE WHEN i % 3 = 0 THEN now() - make_interval(mins => i) END,
            (ARRAY['Low','Medium','High'])[1 + (i / 3) % 3]::task_priority,
            CASE WHEN i % 4 = 0 THEN NULL ELSE date_trunc('day', now()) + make_interval(days => i % 90) END,
            CASE WHEN i % 10 = 0 THEN ARRAY[$4, 'work'] WHEN i % 2 = 0 THEN ARRAY['home'] ELSE ARRAY['work'] END,
            1,
            date_trunc('second', now()) - make_interval(secs => $3 - i),
            date_trunc('second', now()) - make_interval(secs => $3 - i)
       FROM generate_series(1, $3::int) AS i`,
    [userId, label, count, FILTER_TAG, `{${lists.join(',')}}`],
  );
  // The planner needs statistics to pick the indexes it would pick on a live table.
  if (analyze) await db.query('ANALYZE tasks');
}

/** The ids of a user's tasks, oldest first (the order `seedTasks` numbered them in). */
export async function taskIds(db: SqlHttp, userId: string): Promise<string[]> {
  const rows = await db.query('SELECT id FROM tasks WHERE user_id = $1 ORDER BY created_at, id', [
    userId,
  ]);
  return rows.map((row) => row[0]!);
}

/**
 * Puts an account back exactly as `seedTasks` left it: same rows, versions 1, no idempotency keys,
 * and no dead row versions. PGlite runs no autovacuum (a single-user backend has no background
 * workers), so without the VACUUM every reset would leave `count` dead versions behind, about
 * 900,000 in a full run, unevenly between the writer and its mirror (decision 0038).
 */
export async function resetTasks(db: SqlHttp, userId: string, label: string, count: number) {
  await db.query('DELETE FROM idempotency_keys WHERE user_id = $1', [userId]);
  await db.query('DELETE FROM tasks WHERE user_id = $1', [userId]);
  await seedTasks(db, userId, label, count, { analyze: false });
  await db.query('VACUUM tasks, idempotency_keys');
}
