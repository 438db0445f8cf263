import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { accounts, sessions } from '../db/schema/index.ts';
import { SESSION_ABSOLUTE_LIFETIME_SECONDS, SESSION_IDLE_TIMEOUT_SECONDS } from './auth-config.ts';

export type Rotation =
  | { outcome: 'rotated'; sessionId: string; userId: string; createdAt: Date }
  | { outcome: 'reused'; sessionId: string }
  | { outcome: 'refused' };

type RotationRow = { outcome: string; id: string; user_id: string | null; created_at: string };

/**
 * Swaps a live session's refresh token for `nextToken` and remembers the old one's hash; or, when
 * `token` is one that was already rotated away, ends its session (reuse: a copy was stolen).
 * Sliding idle timeout, capped by the absolute lifetime. One statement, atomic per session: of
 * two refreshes racing with one token, only one rotates.
 */
export async function rotateRefreshToken(
  db: Database,
  input: { token: string; tokenHash: string; nextToken: string; now: Date },
): Promise<Rotation> {
  const now = input.now.toISOString();
  const result = await db.execute<RotationRow>(sql`
    with rotated as (
      update sessions s set
        token = ${input.nextToken},
        expires_at = least(
          ${now}::timestamptz + make_interval(secs => ${SESSION_IDLE_TIMEOUT_SECONDS}),
          s.created_at + make_interval(secs => ${SESSION_ABSOLUTE_LIFETIME_SECONDS})),
        updated_at = ${now}::timestamptz
      where s.token = ${input.token} and s.expires_at > ${now}::timestamptz
        and s.created_at + make_interval(secs => ${SESSION_ABSOLUTE_LIFETIME_SECONDS})
          > ${now}::timestamptz
      returning s.id, s.user_id, s.created_at
    ),
    remembered as (
      insert into rotated_refresh_tokens (token_hash, session_id, rotated_at)
      select ${input.tokenHash}, id, ${now}::timestamptz from rotated
    ),
    reused as (
      delete from sessions s using rotated_refresh_tokens r
      where r.token_hash = ${input.tokenHash} and s.id = r.session_id
        and not exists (select 1 from rotated)
      returning s.id
    )
    select 'rotated' as outcome, id, user_id, created_at from rotated
    union all
    select 'reused', id, null::uuid, null::timestamptz from reused`);
  const [row] = result.rows;
  if (row?.outcome === 'rotated' && row.user_id) {
    const createdAt = new Date(row.created_at);
    return { outcome: 'rotated', sessionId: row.id, userId: row.user_id, createdAt };
  }
  if (row?.outcome === 'reused') return { outcome: 'reused', sessionId: row.id };
  return { outcome: 'refused' };
}

/**
 * Ends the session a refresh token (current or already rotated) belongs to; answers the ended
 * session ids (none when the token is unknown). One round trip.
 */
export async function endSessionByRefreshToken(
  db: Database,
  token: string,
  tokenHash: string,
): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    delete from sessions
    where token = ${token}
      or id = (select session_id from rotated_refresh_tokens where token_hash = ${tokenHash})
    returning id`);
  return result.rows.map((row) => row.id);
}

/**
 * Stores a new password hash and ends every other session of the user in one statement; answers
 * the ended session ids. Nothing changes when the user has no password credential.
 */
export async function replacePasswordEndingOtherSessions(
  db: Database,
  input: { userId: string; keepSessionId: string; passwordHash: string },
): Promise<{ changed: boolean; endedSessionIds: string[] }> {
  const result = await db.execute<{ id: string | null }>(sql`
    with changed as (
      update accounts set password = ${input.passwordHash}, updated_at = now()
      where user_id = ${input.userId} and provider_id = 'credential'
      returning user_id
    ),
    ended as (
      delete from sessions
      where user_id = ${input.userId} and id <> ${input.keepSessionId}
        and exists (select 1 from changed)
      returning id
    )
    select null::uuid as id from changed
    union all
    select id from ended`);
  const ids = result.rows.flatMap((row) => (row.id ? [row.id] : []));
  return { changed: result.rows.length > ids.length, endedSessionIds: ids };
}

/** The stored password hash of a user's credential account (one round trip). */
export async function findPasswordHash(db: Database, userId: string) {
  const [row] = await db
    .select({ password: accounts.password })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
  return row?.password ?? undefined;
}

/** The user's live sessions, most recently used first (one round trip). */
export async function listSessions(db: Database, userId: string, now: Date) {
  const absoluteStart = new Date(now.getTime() - SESSION_ABSOLUTE_LIFETIME_SECONDS * 1000);
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      updatedAt: sessions.updatedAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, now),
        gt(sessions.createdAt, absoluteStart),
      ),
    )
    .orderBy(sql`${sessions.updatedAt} desc`);
}

/** Ends one session of the user; answers its id, or nothing when it is not theirs (one round trip). */
export async function endSession(db: Database, userId: string, sessionId: string) {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}

/** Ends every session of the user but `keepSessionId`; answers their ids (one round trip). */
export async function endOtherSessions(db: Database, userId: string, keepSessionId: string) {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}
