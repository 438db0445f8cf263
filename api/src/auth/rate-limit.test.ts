import { apiPaths } from '@tasks/shared';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, callerWith, json } from '../../test/api.ts';
import { GOOD_PASSWORD, uniqueEmail, uniqueIp } from '../../test/auth.ts';
import { expectProblem } from '../../test/problem.ts';
import { getEnv } from '../env.ts';

const limits = getEnv(env);

function login(email: string, password: string, ip = uniqueIp()) {
  return api(apiPaths.login, json('POST', { email, password }, { 'CF-Connecting-IP': ip }));
}

async function expectTooMany(res: Response) {
  const problem = await expectProblem(res, 429, { title: 'Too Many Requests' });
  const retryAfter = Number(res.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(limits.AUTH_RATE_LIMIT_WINDOW_SECONDS);
  return problem;
}

describe('sign-in rate limits', () => {
  it('refuse an email after 5 failed sign-ins in the window, from any address, even with the right password', async () => {
    const email = uniqueEmail('limited');
    await api(
      apiPaths.signup,
      json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': uniqueIp() }),
    );
    for (let i = 0; i < limits.AUTH_RATE_LIMIT_PER_EMAIL; i += 1) {
      await expectProblem(await login(email, 'Wrong-password-1'), 401);
    }
    await expectTooMany(await login(email, 'Wrong-password-1'));
    await expectTooMany(await login(email, GOOD_PASSWORD));
  });

  it('limit unknown emails the same way, so a 429 reveals nothing about accounts', async () => {
    const email = uniqueEmail('nobody');
    for (let i = 0; i < limits.AUTH_RATE_LIMIT_PER_EMAIL; i += 1) {
      await expectProblem(await login(email, 'Whatever-pass-1'), 401);
    }
    await expectTooMany(await login(email, 'Whatever-pass-1'));
  });

  it('count only failures per email: a success forgives the earlier ones', async () => {
    const email = uniqueEmail('forgiven');
    await api(
      apiPaths.signup,
      json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': uniqueIp() }),
    );
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < limits.AUTH_RATE_LIMIT_PER_EMAIL - 1; i += 1) {
        await expectProblem(await login(email, 'Wrong-password-1'), 401);
      }
      expect((await login(email, GOOD_PASSWORD)).status).toBe(200);
    }
  });

  it('refuse one client address after its sign-in attempts fill the window', async () => {
    const call = callerWith({ AUTH_RATE_LIMIT_PER_IP: '3' });
    const ip = uniqueIp();
    for (let i = 0; i < 3; i += 1) {
      const res = await call(
        apiPaths.login,
        json('POST', { email: uniqueEmail(), password: 'Some-pass-1' }, { 'CF-Connecting-IP': ip }),
      );
      await expectProblem(res, 401);
    }
    const blocked = await call(
      apiPaths.login,
      json('POST', { email: uniqueEmail(), password: 'Some-pass-1' }, { 'CF-Connecting-IP': ip }),
    );
    await expectTooMany(blocked);
    const otherAddress = await call(
      apiPaths.login,
      json(
        'POST',
        { email: uniqueEmail(), password: 'Some-pass-1' },
        { 'CF-Connecting-IP': uniqueIp() },
      ),
    );
    await expectProblem(otherAddress, 401);
  });
});

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
