import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Fixed-window counters of the auth rate limits, shared by every isolate. One row per key
 * (`<rule>:<ip|email>`); `consumeRateLimits` (auth/queries.ts) upserts them in one statement.
 */
export const authRateLimits = pgTable(
  'auth_rate_limits',
  {
    key: text('key').primaryKey(),
    /** Attempts counted in the current window, including refused ones. */
    hits: integer('hits').notNull(),
    /** When the current window ends and the count starts again at 1. */
    resetAt: timestamp('reset_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('auth_rate_limits_reset_at_idx').on(t.resetAt)],
);
