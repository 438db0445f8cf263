// What the production deployment is built from (wrangler.toml and the published example files),
// read in Node the way wrangler itself reads it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unstable_readConfig } from 'wrangler';
import { describe, expect, it } from 'vitest';
import { DATA_RATE_LIMITS } from '../../shared/src/rate-limits.ts';
import { LOCAL_AUTH_SECRET, LOCAL_VAPID } from '../../scripts/stack.ts';
import { EnvSchema } from '../src/env.ts';
import { PUBLISHED_SECRETS } from '../src/published-secrets.ts';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const config = unstable_readConfig({ config: root('wrangler.toml') });
const ratelimits = config.ratelimits as {
  name: string;
  simple: { limit: number; period: number };
}[];

/** `BETTER_AUTH_SECRET` as `.dev.vars.example` spells it. */
function exampleSecret(): string {
  const line = readFileSync(root('.dev.vars.example'), 'utf8')
    .split('\n')
    .find((text) => text.startsWith('BETTER_AUTH_SECRET='));
  return line!.slice('BETTER_AUTH_SECRET='.length).trim();
}

/** Stands in for a rate-limiting binding, which exists only inside workerd. */
const limiter = { limit: () => Promise.resolve({ success: true }) };

/**
 * The production [vars] and rate-limiting bindings, plus database and secret values as
 * `wrangler secret put` would add them.
 */
function productionBindings(secret: string) {
  const limiters = Object.fromEntries(ratelimits.map(({ name }) => [name, limiter]));
  return {
    ...config.vars,
    ...limiters,
    DATABASE_URL: 'postgres://user:password@example.neon.tech/neondb',
    BETTER_AUTH_SECRET: secret,
  };
}

const freshSecret = () =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');

describe('the production configuration', () => {
  it('is production and does not expose the worker on workers.dev', () => {
    expect(config.vars.ENVIRONMENT).toBe('production');
    expect(config.workers_dev).toBe(false);
  });

  it('refuses the secrets the repository hands out for local runs', () => {
    const published = [exampleSecret(), LOCAL_AUTH_SECRET];
    for (const secret of published) {
      expect(PUBLISHED_SECRETS.has(secret), secret).toBe(true);
      const parsed = EnvSchema.safeParse(productionBindings(secret));
      expect(parsed.error?.issues.map((issue) => issue.path[0])).toEqual(['BETTER_AUTH_SECRET']);
    }
  });

  it('accepts a fresh random secret', () => {
    expect(EnvSchema.safeParse(productionBindings(freshSecret())).success).toBe(true);
  });

  it('binds the data-route limiters with the numbers of shared/', () => {
    const bound = Object.fromEntries(ratelimits.map((r) => [r.name, r.simple]));
    for (const limit of Object.values(DATA_RATE_LIMITS)) {
      expect(bound[limit.binding]).toEqual({ limit: limit.limit, period: limit.periodSeconds });
    }
  });

  it('refuses to run without the limiters', () => {
    const { DATA_WRITE_LIMITER: _, ...bindings } = productionBindings(freshSecret());
    const parsed = EnvSchema.safeParse(bindings);
    expect(parsed.error?.issues.map((issue) => issue.path[0])).toEqual(['DATA_WRITE_LIMITER']);
  });

  it('refuses the local stack’s VAPID private key, and half a VAPID configuration', () => {
    expect(PUBLISHED_SECRETS.has(LOCAL_VAPID.VAPID_PRIVATE_KEY)).toBe(true);
    const bindings = { ...productionBindings(freshSecret()), ...LOCAL_VAPID };
    const parsed = EnvSchema.safeParse(bindings);
    expect(parsed.error?.issues.map((issue) => issue.path[0])).toEqual(['VAPID_PRIVATE_KEY']);
    const half = { ...productionBindings(freshSecret()), VAPID_SUBJECT: 'mailto:a@b.example' };
    const issues = EnvSchema.safeParse(half).error?.issues.map((issue) => issue.path[0]);
    expect(issues).toEqual(['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY']);
  });
});
