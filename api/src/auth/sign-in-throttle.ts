import type { Database } from '../db/client.ts';
import type { Env } from '../env.ts';
import { clearRateLimits, type RateLimitHit } from './queries.ts';
import {
  clientAddress,
  enforceRateLimits,
  rateLimitKey,
  type RateLimitCheck,
} from './rate-limit.ts';

/** The first slowed attempt waits this long; each further failure doubles it, up to the cap. */
const FIRST_DELAY_MS = 250;

/** A sign-in attempt that its throttle let through: how long it waited, and what to do on success. */
export type SignInThrottle = { delayMs: number; succeeded(): Promise<void> };

/**
 * How long a sign-in for an email waits after `failures` failed attempts (this one included) from
 * every address: nothing for the first `free`, then 250 ms, 500 ms, 1 s… capped at `maxMs`.
 */
export function signInDelayMs(failures: number, free: number, maxMs: number): number {
  const slowed = failures - free;
  if (slowed <= 0) return 0;
  return Math.min(maxMs, FIRST_DELAY_MS * 2 ** Math.min(slowed - 1, 16));
}

/** After a success, forgets the earlier failures of `checks` (no round trip if there were none). */
async function forgiveFailures(
  db: Database,
  checks: readonly RateLimitCheck[],
  hits: Map<string, RateLimitHit>,
): Promise<void> {
  const keys = checks.map(rateLimitKey).filter((key) => (hits.get(key)?.hits ?? 0) > 1);
  if (keys.length > 0) await clearRateLimits(db, keys);
}

function signInChecks(env: Env, email: string, address: string) {
  const window = { windowSeconds: env.AUTH_RATE_LIMIT_WINDOW_SECONDS };
  const perEmail = { max: env.AUTH_RATE_LIMIT_PER_EMAIL, ...window };
  return {
    byIp: {
      rule: { name: 'sign-in:ip', max: env.AUTH_RATE_LIMIT_PER_IP, ...window },
      subject: address,
    },
    // JSON keeps the pair unambiguous whatever either part contains.
    byEmailAndIp: {
      rule: { name: 'sign-in:email-ip', ...perEmail },
      subject: JSON.stringify([email, address]),
    },
    byEmail: { rule: { name: 'sign-in:email', ...perEmail }, subject: email },
  } satisfies Record<string, RateLimitCheck>;
}

/**
 * Counts a sign-in attempt (one round trip), then refuses it or lets it through after its wait. Refused with 429: a client
 * address past its attempts, or an (email, address) pair past its failures. Never refused: an email
 * past its failures from all addresses only waits longer, so an attacker elsewhere can slow the
 * owner's sign-in by a few seconds at most but never lock the owner out. A success forgives the
 * email's failures, from this address and overall.
 */
export async function throttleSignIn(
  db: Database,
  env: Env,
  email: string,
  request: Request,
): Promise<SignInThrottle> {
  const checks = signInChecks(env, email, clientAddress(request));
  const hits = await enforceRateLimits(db, [checks.byIp, checks.byEmailAndIp], [checks.byEmail]);
  const failures = hits.get(rateLimitKey(checks.byEmail))?.hits ?? 0;
  const delayMs = signInDelayMs(
    failures,
    env.AUTH_RATE_LIMIT_PER_EMAIL,
    env.AUTH_SIGN_IN_MAX_DELAY_MS,
  );
  // The wait costs wall time, not CPU: the isolate serves other requests meanwhile.
  if (delayMs > 0) await scheduler.wait(delayMs);
  return {
    delayMs,
    succeeded: () => forgiveFailures(db, [checks.byEmailAndIp, checks.byEmail], hits),
  };
}
