import { AccessTokenSchema, apiPaths } from '@tasks/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api, callerWith, json } from '../../../test/api.ts';
import {
  browserHeaders,
  setCookies,
  GOOD_PASSWORD,
  signUpAndLogIn,
  testDb,
  uniqueEmail,
  uniqueIp,
  withBearer,
} from '../../../test/auth.ts';
import { expectProblem } from '../../../test/problem.ts';
import { sessions } from '../../db/schema/index.ts';
import { INVALID_REFRESH_TOKEN } from '../refresh-tokens.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

async function sessionOf(refreshToken: string) {
  const [row] = await testDb().select().from(sessions).where(eq(sessions.token, refreshToken));
  return row;
}

async function sessionById(id: string) {
  const [row] = await testDb().select().from(sessions).where(eq(sessions.id, id));
  return row;
}

async function moveExpiry(refreshToken: string, expiresAt: Date) {
  await testDb().update(sessions).set({ expiresAt }).where(eq(sessions.token, refreshToken));
}

function refresh(refreshToken: string, ip = uniqueIp()) {
  return api(
    apiPaths.token,
    json('POST', { refresh_token: refreshToken }, { 'CF-Connecting-IP': ip }),
  );
}

describe('sessions', () => {
  it('last 24 hours from login', async () => {
    const user = await signUpAndLogIn('session');
    const session = await sessionOf(user.refreshToken);
    expect(Math.abs(session!.expiresAt.getTime() - Date.now() - DAY_MS)).toBeLessThan(60_000);
  });

  it('slide: a refresh after 23 idle hours pushes the expiry a full day out again', async () => {
    const user = await signUpAndLogIn('session');
    const { id } = (await sessionOf(user.refreshToken))!;
    await moveExpiry(user.refreshToken, new Date(Date.now() + 60 * 60 * 1000));
    expect((await refresh(user.refreshToken)).status).toBe(200);
    const session = await sessionById(id);
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + DAY_MS - 60_000);
  });

  it('end after 24 hours without use: the refresh token is refused', async () => {
    const user = await signUpAndLogIn('session');
    await moveExpiry(user.refreshToken, new Date(Date.now() - 1000));
    await expectProblem(await refresh(user.refreshToken), 401, { detail: INVALID_REFRESH_TOKEN });
  });

  it('refuse an unknown or garbled refresh token', async () => {
    for (const token of ['x'.repeat(32), 'abc.def', '%%%'])
      await expectProblem(await refresh(token), 401);
  });

  it('refuse a token request with no credential at all', async () => {
    const res = await api(apiPaths.token, {
      method: 'POST',
      headers: { 'CF-Connecting-IP': uniqueIp() },
    });
    await expectProblem(res, 401);
  });
});

describe('the browser session cookie', () => {
  it('is HttpOnly, SameSite=Lax, path /, a day long, and not Secure outside production', async () => {
    const user = await signUpAndLogIn('cookie');
    const login = await api(
      apiPaths.login,
      json('POST', { email: user.email, password: GOOD_PASSWORD }, browserHeaders(user.ip)),
    );
    const cookie = setCookies(login).find((c: string) =>
      c.startsWith('better-auth.session_token='),
    );
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; Max-Age=86400/);
    expect(cookie).not.toMatch(/; Secure/i);
  });

  it('is Secure (with the __Secure- prefix) in production', async () => {
    const call = callerWith({ ENVIRONMENT: 'production' });
    const email = uniqueEmail('cookie');
    const ip = uniqueIp();
    await call(
      apiPaths.signup,
      json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': ip }),
    );
    const login = await call(
      apiPaths.login,
      json('POST', { email, password: GOOD_PASSWORD }, browserHeaders(ip)),
    );
    const cookie = setCookies(login).find((c: string) => c.includes('session_token='));
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
  });

  it('gets a fresh access token from a trusted origin, then logout clears it and ends the session', async () => {
    const user = await signUpAndLogIn('cookie');
    const headers = browserHeaders(user.ip, { Cookie: user.cookie });
    const token = await api(apiPaths.token, { method: 'POST', headers });
    expect(token.status).toBe(200);
    AccessTokenSchema.parse(await token.json());
    expect(setCookies(token).some((c: string) => c.includes('Max-Age=86400'))).toBe(true);

    const logout = await api(apiPaths.logout, { method: 'POST', headers });
    expect(logout.status).toBe(200);
    expect(setCookies(logout).some((c: string) => /session_token=;.*Max-Age=0/.test(c))).toBe(true);
    await expectProblem(await api(apiPaths.token, { method: 'POST', headers }), 401);
    // The script's session of the same user is its own and lives on.
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it('takes its access tokens along when it ends (this isolate: at once)', async () => {
    const user = await signUpAndLogIn('cookie');
    await api(apiPaths.logout, withBearer(user.accessToken, { method: 'POST' }));
    await expectProblem(await api(apiPaths.me, withBearer(user.accessToken)), 401);
  });
});
