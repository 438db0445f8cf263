import { base64UrlBytes, CLAIM_LEASE_SECONDS, P256DH_BYTES } from '@tasks/shared';
import { z } from 'zod';
import { ApiError } from './api-error.ts';
import type { LiveObject } from './live/live-object.ts';
import { PUBLISHED_SECRETS } from './published-secrets.ts';

/** Comma-separated exact origins (`https://a.example, http://localhost:5173`) → trimmed list. */
const OriginListSchema = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/ })));

/** Wrangler passes an unset `[vars]` entry as '' in some setups: treat it as absent. */
const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.url().optional());

/** A Workers rate-limiting binding (`[[ratelimits]]` in wrangler.toml). */
const RateLimiterSchema = z.custom<RateLimit>(
  (value) => typeof (value as Partial<RateLimit> | null)?.limit === 'function',
  'must be a rate-limiting binding',
);

/** The Durable Object namespace of the users' live sockets (`[[durable_objects.bindings]]`). */
const LiveNamespaceSchema = z.custom<DurableObjectNamespace<LiveObject>>(
  (value) => typeof (value as Partial<DurableObjectNamespace> | null)?.idFromName === 'function',
  'must be a Durable Object namespace binding',
);
/** A base64url key of `bytes` bytes (VAPID keys, RFC 8292 §3.2). */
const base64UrlKey = (bytes: number, first?: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .refine((text) => {
        const decoded = base64UrlBytes(text);
        return decoded?.length === bytes && (first === undefined || decoded[0] === first);
      }, `must be ${bytes} bytes, base64url`)
      .optional(),
  );

/** The worker's bindings, validated once per isolate. Unknown bindings are ignored. */
export const EnvSchema = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    NEON_HTTP_ENDPOINT: optionalUrl,
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
    BETTER_AUTH_URL: z.url(),
    CORS_ORIGINS: OriginListSchema,
    JWT_ISSUER: z.string().min(1),
    JWT_AUDIENCE: z.string().min(1),
    DB_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(5000),
    ENVIRONMENT: z.enum(['development', 'test', 'production']).default('production'),
    // Auth rate limits (auth/rate-limit.ts): attempts per window, per client IP and per email.
    AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(60),
    AUTH_RATE_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).max(1_000).default(5),
    // Longest wait of a sign-in for an email that keeps failing from many addresses (never a 429).
    AUTH_SIGN_IN_MAX_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(3000),
    // Per-user limits of the data routes (middleware/data-rate-limits.ts; numbers in shared/).
    DATA_WRITE_LIMITER: RateLimiterSchema.optional(),
    DATA_READ_LIMITER: RateLimiterSchema.optional(),
    // Live sockets and pokes (live/); without it the feed still works by polling.
    LIVE: LiveNamespaceSchema.optional(),
    // Web Push (decision 0020): the VAPID key pair (public: an uncompressed P-256 point; private:
    // its 32-byte scalar, a secret) and the contact push services see. All three or none (no push).
    VAPID_PUBLIC_KEY: base64UrlKey(P256DH_BYTES, 4),
    // How long a scheduler run's claim holds unsettled (decision 0020); the soak shortens it so
    // a claim its faults orphan is retaken within the run (decision 0026).
    REMINDER_CLAIM_LEASE_SECONDS: z.coerce
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(CLAIM_LEASE_SECONDS),
    VAPID_PRIVATE_KEY: base64UrlKey(32),
    VAPID_SUBJECT: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https: URL')
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    const vapid = [env.VAPID_PUBLIC_KEY, env.VAPID_PRIVATE_KEY, env.VAPID_SUBJECT];
    if (vapid.some(Boolean) && !vapid.every(Boolean)) {
      for (const name of ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'set all three' });
      }
    }
    if (env.ENVIRONMENT !== 'production') return;
    if (env.VAPID_PRIVATE_KEY && PUBLISHED_SECRETS.has(env.VAPID_PRIVATE_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['VAPID_PRIVATE_KEY'],
        message: 'is an example value published in the repository',
      });
    }
    for (const binding of ['DATA_WRITE_LIMITER', 'DATA_READ_LIMITER'] as const) {
      if (!env[binding]) {
        ctx.addIssue({ code: 'custom', path: [binding], message: 'production needs this binding' });
      }
    }
    if (PUBLISHED_SECRETS.has(env.BETTER_AUTH_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'is an example value published in the repository',
      });
    }
  });
export type Env = z.output<typeof EnvSchema>;

const cache = new WeakMap<object, Env>();

/**
 * Validates the bindings once per bindings object (i.e. once per isolate) and returns the typed env.
 * A misconfiguration throws a 500 problem and logs the offending variable names, never their values.
 */
export function getEnv(bindings: unknown): Env {
  const key = typeof bindings === 'object' && bindings !== null ? bindings : {};
  const cached = cache.get(key);
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(key);
  if (!parsed.success) {
    const variables = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    console.error(JSON.stringify({ level: 'error', msg: 'server misconfigured', variables }));
    throw new ApiError({
      status: 500,
      title: 'Server misconfigured',
      detail: 'The server is misconfigured; the operator has been told which settings are wrong.',
    });
  }
  cache.set(key, parsed.data);
  return parsed.data;
}
