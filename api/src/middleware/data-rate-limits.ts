import { apiPaths, DATA_RATE_LIMITS, type DataRateLimit } from '@tasks/shared';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../api-error.ts';

const TASKS = apiPaths.tasks;
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The limit a data request counts against, or undefined for a cheap one. Writes are every unsafe
 * method under /tasks; expensive reads are the ones whose cost grows with what the user stored
 * (search, tag filters, counts). Plain list pages and single tasks are one index range: unlimited.
 */
export function dataLimitOf(method: string, url: URL): DataRateLimit | undefined {
  const path = url.pathname;
  const isTasks = path === TASKS || path.startsWith(`${TASKS}/`);
  if (!SAFE_METHODS.has(method)) return isTasks ? DATA_RATE_LIMITS.writes : undefined;
  if (path === apiPaths.tags || path === apiPaths.taskCounts)
    return DATA_RATE_LIMITS.expensiveReads;
  const filtered = url.searchParams.has('q') || url.searchParams.has('tag');
  return path === TASKS && filtered ? DATA_RATE_LIMITS.expensiveReads : undefined;
}

/**
 * Seconds until the limiter's current window ends: the binding counts in fixed windows of its
 * period (Miniflare aligns them to the epoch; Cloudflare's are never longer than the period).
 */
export function secondsToNextWindow(periodSeconds: number, nowMs = Date.now()): number {
  return periodSeconds - (Math.floor(nowMs / 1000) % periodSeconds);
}

/**
 * Per-user rate limits of the data routes through the Workers rate-limiting binding: in memory
 * next to the isolate, shared by every isolate of a location, no database round trip. Runs after
 * the JWT middleware, keyed by the user id. Without a binding (allowed outside production: the
 * bench and the soak) nothing is limited.
 */
export function dataRateLimits(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limit = dataLimitOf(c.req.method, new URL(c.req.url));
    const limiter = limit && c.var.env[limit.binding];
    const userId = c.get('userId');
    if (limit && limiter && userId) {
      const { success } = await limiter.limit({ key: userId });
      if (!success) throw ApiError.tooManyRequests(secondsToNextWindow(limit.periodSeconds));
    }
    await next();
  };
}
