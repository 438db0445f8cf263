import { apiPaths } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { api, json } from '../../../test/api.ts';
import { GOOD_PASSWORD, signUpAndLogIn, uniqueEmail, uniqueIp } from '../../../test/auth.ts';
import { expectProblem } from '../../../test/problem.ts';
import { TEST_ORIGIN } from '../../../test/test-env.ts';

const EVIL = 'https://evil.example';

describe('CSRF: cookie requests must come from a trusted origin', () => {
  it('the token and logout endpoints refuse the cookie from an untrusted or missing Origin', async () => {
    const user = await signUpAndLogIn('csrf');
    for (const path of [apiPaths.token, apiPaths.logout]) {
      for (const origin of [
        { Origin: EVIL },
        { Referer: `${EVIL}/page` },
        {},
        { Origin: 'null' },
      ] as Record<string, string>[]) {
        const res = await api(path, {
          method: 'POST',
          headers: { Cookie: user.cookie, 'CF-Connecting-IP': user.ip, ...origin },
        });
        await expectProblem(res, 403);
      }
    }
    const referer = await api(apiPaths.token, {
      method: 'POST',
      headers: { Cookie: user.cookie, Referer: `${TEST_ORIGIN}/tasks` },
    });
    expect(referer.status).toBe(200);
  });

  it('login and signup refuse a browser on an untrusted origin (login CSRF) but not scripts', async () => {
    const email = uniqueEmail('csrf');
    const fromEvil = { Origin: EVIL, 'CF-Connecting-IP': uniqueIp() };
    await expectProblem(
      await api(apiPaths.signup, json('POST', { email, password: GOOD_PASSWORD }, fromEvil)),
      403,
    );
    const script = { 'CF-Connecting-IP': uniqueIp() };
    expect(
      (await api(apiPaths.signup, json('POST', { email, password: GOOD_PASSWORD }, script))).status,
    ).toBe(201);
    await expectProblem(
      await api(apiPaths.login, json('POST', { email, password: GOOD_PASSWORD }, fromEvil)),
      403,
    );
    expect(
      (await api(apiPaths.login, json('POST', { email, password: GOOD_PASSWORD }, script))).status,
    ).toBe(200);
  });
});

describe('CORS on the auth endpoints', () => {
  it('grants the web origin credentialed access and an unlisted origin nothing', async () => {
    const preflight = (origin: string) =>
      api(apiPaths.login, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    const trusted = await preflight(TEST_ORIGIN);
    expect(trusted.headers.get('Access-Control-Allow-Origin')).toBe(TEST_ORIGIN);
    expect(trusted.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    const untrusted = await preflight(EVIL);
    expect(untrusted.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('Better Auth endpoints', () => {
  it('are not reachable: sign-in and sign-up go through the rate-limited seed endpoints', async () => {
    for (const path of [
      '/api/v1/auth/sign-in/email',
      '/api/v1/auth/sign-up/email',
      '/api/v1/auth/delete-user',
      '/api/v1/auth/ok',
    ]) {
      const res = await api(
        path,
        json('POST', { email: uniqueEmail(), password: GOOD_PASSWORD, name: 'x' }),
      );
      await expectProblem(res, 404);
    }
  });
});
