// What the production deployment is built from (wrangler.toml and the published example files),
// read in Node the way wrangler itself reads it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unstable_readConfig } from 'wrangler';
import { describe, expect, it } from 'vitest';
import { LOCAL_AUTH_SECRET } from '../../scripts/stack.ts';
import { EnvSchema } from '../src/env.ts';
import { PUBLISHED_SECRETS } from '../src/published-secrets.ts';
import { TEST_BINDINGS } from '../test/test-env.ts';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const config = unstable_readConfig({ config: root('wrangler.toml') });

/** `BETTER_AUTH_SECRET` as `.dev.vars.example` spells it. */
function exampleSecret(): string {
  const line = readFileSync(root('.dev.vars.example'), 'utf8')
    .split('\n')
    .find((text) => text.startsWith('BETTER_AUTH_SECRET='));
  return line!.slice('BETTER_AUTH_SECRET='.length).trim();
}

/** The production [vars] plus database and secret values as `wrangler secret put` would add them. */
function productionBindings(secret: string) {
  return {
    ...config.vars,
    DATABASE_URL: 'postgres://user:password@example.neon.tech/neondb',
    BETTER_AUTH_SECRET: secret,
  };
}

describe('the production configuration', () => {
  it('is production and does not expose the worker on workers.dev', () => {
    expect(config.vars.ENVIRONMENT).toBe('production');
    expect(config.workers_dev).toBe(false);
  });

  it('refuses every secret written in the repository', () => {
    const published = [exampleSecret(), LOCAL_AUTH_SECRET, TEST_BINDINGS.BETTER_AUTH_SECRET];
    for (const secret of published) {
      expect(PUBLISHED_SECRETS.has(secret), secret).toBe(true);
      const parsed = EnvSchema.safeParse(productionBindings(secret));
      expect(parsed.error?.issues.map((issue) => issue.path[0])).toEqual(['BETTER_AUTH_SECRET']);
    }
  });

  it('accepts a fresh random secret', () => {
    const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
    expect(EnvSchema.safeParse(productionBindings(secret)).success).toBe(true);
  });
});
