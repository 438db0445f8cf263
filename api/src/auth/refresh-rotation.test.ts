import { apiPaths, TokenResponseSchema } from '@tasks/shared';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, json } from '../../test/api.ts';
import {
  browserHeaders,
  GOOD_PASSWORD,
  setCookies,
  scriptLogIn,
  signUpAndLogIn,
  testDb,
  uniqueEmail,
  uniqueIp,
  withBearer,
} from '../../test/auth.ts';
import { expectProblem } from '../../test/problem.ts';
import { sessions } from '../db/schema/index.ts';
import { SESSION_ABSOLUTE_LIFETIME_SECONDS } from './auth-config.ts';
import { INVALID_REFRESH_TOKEN } from './refresh-tokens.ts';

afterEach(() => {
  vi.useRealTimers();
});

function refresh(refreshToken: string) {
  return api(
    apiPaths.token,
    json('POST', { refresh_token: refreshToken }, { 'CF-Connecting-IP': uniqueIp() }),
  );
}

async function refreshed(refreshToken: string) {
  const res = await refresh(refreshToken);
  expect(res.status, await res.clone().text()).toBe(200);
  const answer = TokenResponseSchema.parse(await res.json());
  expect(answer.refresh_token).toBeDefined();
  return { accessToken: answer.access_token, refreshToken: answer.refresh_token! };
}

describe('refresh tokens', () => {
  it('rotate on every use: each answer carries a new one', async () => {
    const { refreshToken } = await signUpAndLogIn('rotate');
    const first = await refreshed(refreshToken);
    expect(first.refreshToken).not.toBe(refreshToken);
    const second = await refreshed(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await api(apiPaths.me, withBearer(second.accessToken))).status).toBe(200);
  });

  it('end the whole session when a rotated one is presented again (reuse detection)', async () => {
    const user = await signUpAndLogIn('reuse');
    const stolen = user.refreshToken;
    const legit = await refreshed(stolen); // the owner rotates; the thief still holds `stolen`
    await expectProblem(await refresh(stolen), 401, { detail: INVALID_REFRESH_TOKEN });
    // The owner's successor is dead too, and so are the session's access tokens.
    await expectProblem(await refresh(legit.refreshToken), 401, { detail: INVALID_REFRESH_TOKEN });
    await expectProblem(await api(apiPaths.me, withBearer(legit.accessToken)), 401);
    // Other sessions of the user (the browser's) are untouched.
    expect((await api(apiPaths.me, withBearer(user.accessToken))).status).toBe(200);
  });

  it('let only one of two racing refreshes with one token win', async () => {
    const { refreshToken } = await signUpAndLogIn('race');
    const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 401]);
  });

  it('stop at the absolute lifetime however recently used (clock moved 30 days)', async () => {
    const { refreshToken } = await signUpAndLogIn('absolute');
    const [row] = await testDb().select().from(sessions).where(eq(sessions.token, refreshToken));
    // Keep it from idling out: its idle expiry is pushed past the move, its start is not.
    const later = Date.now() + SESSION_ABSOLUTE_LIFETIME_SECONDS * 1000 + 1000;
    await testDb()
      .update(sessions)
      .set({ expiresAt: new Date(later + 60_000) })
      .where(eq(sessions.id, row!.id));
    vi.useFakeTimers({ toFake: ['Date'], now: later - 120_000 });
    const last = await refreshed(refreshToken);
    // The last access token before the end does not outlive the session.
    const { exp } = JSON.parse(atob(last.accessToken.split('.')[1]!)) as { exp: number };
    expect(exp * 1000).toBeLessThanOrEqual(
      row!.createdAt.getTime() + SESSION_ABSOLUTE_LIFETIME_SECONDS * 1000,
    );
    vi.setSystemTime(later);
    await expectProblem(await refresh(last.refreshToken), 401, { detail: INVALID_REFRESH_TOKEN });
  });

  it('end a cookie session at its absolute lifetime too, clearing the cookie', async () => {
    const user = await signUpAndLogIn('absolute-cookie');
    const headers = browserHeaders(user.ip, { Cookie: user.cookie });
    const [row] = await testDb()
      .select()
      .from(sessions)
      .where(eq(sessions.token, decodeURIComponent(user.cookie.split('=')[1]!).split('.')[0]!));
    const end = row!.createdAt.getTime() + SESSION_ABSOLUTE_LIFETIME_SECONDS * 1000;
    await testDb()
      .update(sessions)
      .set({ expiresAt: new Date(end + 60 * 60_000) })
      .where(eq(sessions.id, row!.id));
    vi.useFakeTimers({ toFake: ['Date'], now: end - 60_000 });
    expect((await api(apiPaths.token, { method: 'POST', headers })).status).toBe(200);
    vi.setSystemTime(end + 1000);
    const res = await api(apiPaths.token, { method: 'POST', headers });
    expect(setCookies(res).some((cookie) => /session_token=;.*Max-Age=0/.test(cookie))).toBe(true);
    await expectProblem(res, 401, { detail: INVALID_REFRESH_TOKEN });
    expect(await testDb().select().from(sessions).where(eq(sessions.id, row!.id))).toEqual([]);
  });

  it('refuse stale, rotated, revoked, expired and foreign tokens with one identical body', async () => {
    const email = uniqueEmail('bodies');
    const ip = uniqueIp();
    await api(
      apiPaths.signup,
      json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': ip }),
    );
    const rotated = (await scriptLogIn(email, ip)).refreshToken;
    await refreshed(rotated);
    const revoked = (await scriptLogIn(email, ip)).refreshToken;
    await api(
      apiPaths.logout,
      json('POST', { refresh_token: revoked }, { 'CF-Connecting-IP': ip }),
    );
    const expired = (await scriptLogIn(email, ip)).refreshToken;
    await testDb()
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.token, expired));
    const foreign = crypto.randomUUID() + crypto.randomUUID();
    const bodies = new Set<string>();
    for (const token of [rotated, revoked, expired, foreign, 'x']) {
      const res = await refresh(token);
      expect(res.status).toBe(401);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json');
      bodies.add(await res.text());
    }
    expect([...bodies]).toEqual([
      JSON.stringify({
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: INVALID_REFRESH_TOKEN,
      }),
    ]);
  });

  it('answer an oversized or malformed refresh_token with a 400 naming it (token, logout)', async () => {
    for (const path of [apiPaths.token, apiPaths.logout]) {
      for (const value of ['x'.repeat(513), 42, '']) {
        const res = await api(
          path,
          json('POST', { refresh_token: value }, { 'CF-Connecting-IP': uniqueIp() }),
        );
        const problem = await expectProblem(res, 400);
        expect(
          problem.errors?.map((error) => error.path),
          path,
        ).toEqual(['refresh_token']);
      }
    }
  });
});
