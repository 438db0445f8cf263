import { getIP } from 'better-auth/api';
import type { BetterAuthOptions } from 'better-auth';
import type { Database } from '../db/client.ts';
import type { Env } from '../env.ts';
import { ApiError } from '../api-error.ts';
import { consumeRateLimits, type RateLimitHit } from './queries.ts';

/** Cloudflare sets `CF-Connecting-IP` on every request and overwrites any value a client sent. */
export const IP_ADDRESS_OPTIONS = { ipAddressHeaders: ['cf-connecting-ip'] };

type RateLimitStorage = NonNullable<NonNullable<BetterAuthOptions['rateLimit']>['customStorage']>;

export type RateLimitRule = { name: string; max: number; windowSeconds: number };
export type RateLimitCheck = { rule: RateLimitRule; subject: string };

/**
 * The sign-up and refresh rate limits, from env: sign-up counts attempts per IP and per email;
 * token refresh counts attempts per IP. Sign-in has its own throttle (sign-in-throttle.ts).
 */
export function authRateLimitRules(env: Env) {
  const windowSeconds = env.AUTH_RATE_LIMIT_WINDOW_SECONDS;
  const perIp = { max: env.AUTH_RATE_LIMIT_PER_IP, windowSeconds };
  const perEmail = { max: env.AUTH_RATE_LIMIT_PER_EMAIL, windowSeconds };
  return {
    signUpByIp: { name: 'sign-up:ip', ...perIp },
    signUpByEmail: { name: 'sign-up:email', ...perEmail },
    tokenByIp: { name: 'token:ip', ...perIp },
  } satisfies Record<string, RateLimitRule>;
}

/**
 * The client's address as the rate limits see it: IPv6 collapsed to its /64, so one host cannot
 * rotate through its own prefix. Requests that did not come through Cloudflare share one bucket.
 */
export function clientAddress(request: Request): string {
  return getIP(request, { advanced: { ipAddress: IP_ADDRESS_OPTIONS } }) ?? 'unknown';
}

/** The storage key of one check. */
export function rateLimitKey(check: RateLimitCheck): string {
  return `${check.rule.name}:${check.subject}`;
}

/**
 * Counts this attempt against every check, and also against `counted` (which never refuse), in
 * one round trip; throws 429 (with `Retry-After`) when any of `checks` is over its limit. Returns
 * the counts, keyed like `rateLimitKey`.
 */
export async function enforceRateLimits(
  db: Database,
  checks: readonly RateLimitCheck[],
  counted: readonly RateLimitCheck[] = [],
): Promise<Map<string, RateLimitHit>> {
  const attempts = [...checks, ...counted].map((check) => ({
    key: rateLimitKey(check),
    windowSeconds: check.rule.windowSeconds,
  }));
  const hits = new Map((await consumeRateLimits(db, attempts)).map((hit) => [hit.key, hit]));
  const refused = checks
    .map((check) => ({ max: check.rule.max, hit: hits.get(rateLimitKey(check)) }))
    .filter(({ max, hit }) => hit !== undefined && hit.hits > max);
  if (refused.length > 0) {
    throw ApiError.tooManyRequests(Math.max(...refused.map(({ hit }) => hit!.retryAfterSeconds)));
  }
  return hits;
}

/**
 * Better Auth's own limiter (on its native endpoints) backed by the same Postgres counters, so
 * its limits hold across isolates too.
 */
export function sharedRateLimitStorage(db: Database): RateLimitStorage {
  return {
    async consume(key, rule) {
      const [hit] = await consumeRateLimits(db, [
        { key: `better-auth:${key}`, windowSeconds: rule.window },
      ]);
      if (!hit || hit.hits <= rule.max) return { allowed: true, retryAfter: null };
      return { allowed: false, retryAfter: hit.retryAfterSeconds };
    },
  };
}
