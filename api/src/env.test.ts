import { env as bindings } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { callerWith } from '../test/api.ts';
import { expectProblem } from '../test/problem.ts';
import { EnvSchema, getEnv } from './env.ts';
import { PUBLISHED_SECRETS } from './published-secrets.ts';

describe('env', () => {
  it('parses the test bindings into typed values', () => {
    const env = getEnv(bindings);
    expect(env.CORS_ORIGINS).toEqual(['http://app.test', 'http://localhost:5173']);
    expect(env.DB_TIMEOUT_MS).toBe(5000);
    expect(env.ENVIRONMENT).toBe('test');
    expect(getEnv(bindings)).toBe(env);
  });

  it('defaults what production may leave out', () => {
    const { NEON_HTTP_ENDPOINT: _, DB_TIMEOUT_MS: __, ENVIRONMENT: ___, ...rest } = bindings;
    const secret = crypto.randomUUID() + crypto.randomUUID();
    const env = EnvSchema.parse({ ...rest, BETTER_AUTH_SECRET: secret, NEON_HTTP_ENDPOINT: '' });
    expect(env).toMatchObject({ DB_TIMEOUT_MS: 5000, ENVIRONMENT: 'production' });
    expect(env.NEON_HTTP_ENDPOINT).toBeUndefined();
  });

  it('refuses in production the secrets published for local runs, and only there', () => {
    for (const secret of PUBLISHED_SECRETS) {
      const production = EnvSchema.safeParse({
        ...bindings,
        ENVIRONMENT: 'production',
        BETTER_AUTH_SECRET: secret,
      });
      expect(production.error?.issues.map((issue) => issue.path)).toEqual([['BETTER_AUTH_SECRET']]);
      const development = EnvSchema.safeParse({
        ...bindings,
        ENVIRONMENT: 'development',
        BETTER_AUTH_SECRET: secret,
      });
      expect(development.success).toBe(true);
    }
  });

  it('refuses to serve when misconfigured, naming the variables only in the log', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const secret = 'too-short-secret';
    const call = callerWith({ BETTER_AUTH_SECRET: secret, CORS_ORIGINS: 'not a url' });
    const res = await call('/api/v1/health');
    const text = await res.clone().text();
    await expectProblem(res, 500, { title: 'Server misconfigured' });
    expect(text).not.toContain('BETTER_AUTH_SECRET');
    const logs = logged.mock.calls.map((args) => String(args[0])).join('\n');
    expect(logs).toContain('"variables":["BETTER_AUTH_SECRET","CORS_ORIGINS"]');
    expect(logs).not.toContain(secret);
  });
});
