import { apiPaths } from '@tasks/shared';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, callerWith, json } from '../../test/api.ts';
import { GOOD_PASSWORD, uniqueEmail, uniqueIp } from '../../test/auth.ts';
import { expectProblem } from '../../test/problem.ts';
import { getEnv } from '../env.ts';

const limits = getEnv(env);

async function expectTooMany(res: Response) {
  const problem = await expectProblem(res, 429, { title: 'Too Many Requests' });
  const retryAfter = Number(res.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(limits.AUTH_RATE_LIMIT_WINDOW_SECONDS);
  return problem;
}

describe('sign-up and token rate limits', () => {
  it('refuse sign-ups from one address past the per-IP limit', async () => {
    const call = callerWith({ AUTH_RATE_LIMIT_PER_IP: '3' });
    const ip = uniqueIp();
    const signup = () =>
      call(
        apiPaths.signup,
        json(
          'POST',
          { email: uniqueEmail('burst'), password: GOOD_PASSWORD },
          { 'CF-Connecting-IP': ip },
        ),
      );
    for (let i = 0; i < 3; i += 1) expect((await signup()).status).toBe(201);
    await expectTooMany(await signup());
  });

  it('refuse repeated sign-ups for one email past the per-email limit', async () => {
    const email = uniqueEmail('resignup');
    for (let i = 0; i < limits.AUTH_RATE_LIMIT_PER_EMAIL; i += 1) {
      await api(
        apiPaths.signup,
        json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': uniqueIp() }),
      );
    }
    const blocked = await api(
      apiPaths.signup,
      json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': uniqueIp() }),
    );
    await expectTooMany(blocked);
  });

  it('refuse token refreshes from one address past the per-IP limit', async () => {
    const call = callerWith({ AUTH_RATE_LIMIT_PER_IP: '3' });
    const ip = uniqueIp();
    for (let i = 0; i < 3; i += 1) {
      await expectProblem(
        await call(
          apiPaths.token,
          json('POST', { refresh_token: 'x'.repeat(32) }, { 'CF-Connecting-IP': ip }),
        ),
        401,
      );
    }
    await expectTooMany(
      await call(
        apiPaths.token,
        json('POST', { refresh_token: 'x'.repeat(32) }, { 'CF-Connecting-IP': ip }),
      ),
    );
  });
});
