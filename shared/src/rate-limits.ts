/**
 * Per-user limits of the data routes (decision 0012). The Workers rate-limiting binding enforces
 * them; its config in wrangler.toml `[[ratelimits]]` must carry these same numbers, which
 * `api/dev/production-config.test.ts` checks. The binding only knows periods of 10 or 60 s.
 */
export const DATA_RATE_LIMITS = {
  /** Every task write: create, update, complete, delete, bulk, clear completed. */
  writes: { binding: 'DATA_WRITE_LIMITER', limit: 120, periodSeconds: 60 },
  /** Reads that scan more than one index range: search (`q`), tag filters, tag and task counts. */
  expensiveReads: { binding: 'DATA_READ_LIMITER', limit: 240, periodSeconds: 60 },
} as const;

export type DataRateLimit = (typeof DATA_RATE_LIMITS)[keyof typeof DATA_RATE_LIMITS];

/**
 * Stored `Idempotency-Key`s of task creation: a key replays its first response for `ttlHours`,
 * and each user keeps at most `perUser` of them (a keyed create drops the oldest beyond that).
 */
export const IDEMPOTENCY_KEYS = { perUser: 1000, ttlHours: 24 } as const;
