import { gt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { jwks, sessionRevocations } from '../db/schema/index.ts';

export type SigningKeyRow = typeof jwks.$inferSelect;

/**
 * Every JWT signing key and the sessions ended in the last `windowSeconds` (one round trip).
 */
export async function loadAuthState(db: Database, windowSeconds: number) {
  const [keys, revoked] = await db.batch([
    db.select().from(jwks),
    db
      .select({ sessionId: sessionRevocations.sessionId })
      .from(sessionRevocations)
      .where(
        gt(sessionRevocations.revokedAt, sql`now() - make_interval(secs => ${windowSeconds})`),
      ),
  ]);
  return { keys, revokedSessionIds: revoked.map((row) => row.sessionId) };
}

/**
 * Creates a user with a password credential in one statement, so a failure anywhere leaves
 * neither (neon-http has no interactive transaction, and Better Auth's sign-up writes them one
 * by one). Answers the new user, or undefined when the email is already registered.
 */
export async function createPasswordUser(
  db: Database,
  input: { email: string; name: string; passwordHash: string },
) {
  const result = await db.execute<{ id: string; email: string; created_at: string }>(sql`
    with new_user as (
      insert into users (name, email, email_verified, created_at, updated_at)
      values (${input.name}, ${input.email}, false, now(), now())
      on conflict (email) do nothing
      returning id, email, created_at
    ),
    credential as (
      -- Ids are the columns' uuid defaults, as Better Auth leaves them (generateId: 'uuid').
      insert into accounts (account_id, provider_id, user_id, password, created_at, updated_at)
      select id::text, 'credential', id, ${input.passwordHash}, now(), now()
      from new_user
    )
    select id, email, created_at from new_user`);
  const [row] = result.rows;
  return row && { id: row.id, email: row.email, createdAt: new Date(row.created_at) };
}

export type RateLimitHit = { key: string; hits: number; retryAfterSeconds: number };

/**
 * Counts one attempt against each key in a single statement and returns the counts in the current
 * fixed windows. A key whose window has passed starts again at 1. Atomic per key across isolates
 * (`insert … on conflict do update` takes the row lock). Also prunes up to 50 long-expired rows
 * of other keys, so the table stays small without a scheduled job.
 */
export async function consumeRateLimits(
  db: Database,
  attempts: readonly { key: string; windowSeconds: number }[],
): Promise<RateLimitHit[]> {
  const keys = attempts.map((attempt) => attempt.key);
  const windows = attempts.map((attempt) => attempt.windowSeconds);
  const result = await db.execute<{ key: string; hits: number; retry_after: number }>(sql`
    with pruned as (
      delete from auth_rate_limits
      where key in (
        select key from auth_rate_limits
        where reset_at < now() - interval '1 hour' and not (key = any(${sql.param(keys)}::text[]))
        limit 50
      )
    )
    insert into auth_rate_limits as r (key, hits, reset_at)
    select t.key, 1, now() + make_interval(secs => t.window_seconds)
    from unnest(${sql.param(keys)}::text[], ${sql.param(windows)}::int[]) as t(key, window_seconds)
    on conflict (key) do update set
      hits = case when r.reset_at <= now() then 1 else r.hits + 1 end,
      reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
    returning r.key, r.hits,
      greatest(1, ceil(extract(epoch from r.reset_at - now())))::int as retry_after`);
  return result.rows.map((row) => ({
    key: row.key,
    hits: Number(row.hits),
    retryAfterSeconds: Number(row.retry_after),
  }));
}

/** Forgets the attempts counted against `keys` (one round trip). */
export async function clearRateLimits(db: Database, keys: readonly string[]): Promise<void> {
  await db.execute(sql`delete from auth_rate_limits where key = any(${sql.param(keys)}::text[])`);
}
