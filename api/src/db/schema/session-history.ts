import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sessions } from './auth.ts';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Refresh tokens that were rotated away, as SHA-256 hex: presenting one again is reuse (a copy
 * was stolen), which ends the session. Rows go with their session.
 */
export const rotatedRefreshTokens = pgTable(
  'rotated_refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    rotatedAt: timestamptz('rotated_at').notNull().defaultNow(),
  },
  (t) => [index('rotated_refresh_tokens_session_id_idx').on(t.sessionId)],
);

/**
 * Sessions that ended, written by a trigger on every delete from `sessions` (sign-out,
 * revocation, password change, reuse detection, account deletion), so no code path can end a
 * session without its access tokens being refused. Isolates cache the recent rows (auth-state.ts).
 */
export const sessionRevocations = pgTable(
  'session_revocations',
  {
    sessionId: uuid('session_id').primaryKey(),
    revokedAt: timestamptz('revoked_at').notNull().defaultNow(),
  },
  (t) => [index('session_revocations_revoked_at_idx').on(t.revokedAt)],
);
