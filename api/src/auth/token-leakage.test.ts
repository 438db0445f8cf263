import { apiPaths } from '@tasks/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api, json } from '../../test/api.ts';
import {
  browserHeaders,
  GOOD_PASSWORD,
  sessionCookieFrom,
  signUpAndLogInAsBrowser,
  testDb,
  uniqueEmail,
  uniqueIp,
  withBearer,
} from '../../test/auth.ts';
import { sessions } from '../db/schema/index.ts';

/** Every session token of the user, straight from the database. */
async function sessionTokens(userId: string): Promise<string[]> {
  const rows = await testDb()
    .select({ token: sessions.token })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  return rows.map((row) => row.token);
}

/** Everything page JavaScript could read of a response: its body and every header but Set-Cookie. */
async function scriptReadable(res: Response): Promise<string> {
  const headers = [...res.headers].filter(([name]) => name !== 'set-cookie');
  return `${headers.map(([name, value]) => `${name}: ${value}`).join('\n')}\n${await res.text()}`;
}

// Better Auth endpoints the web never calls: each would answer session tokens or skip our checks.
const BETTER_AUTH_PATHS = [
  'get-session',
  'list-sessions',
  'revoke-session',
  'revoke-sessions',
  'revoke-other-sessions',
  'update-user',
  'change-password',
  'change-email',
  'sign-out',
  'sign-in/email',
  'sign-up/email',
  'delete-user',
  'set-password',
  'reset-password',
  'request-password-reset',
  'verify-email',
  'send-verification-email',
  'list-accounts',
  'refresh-token',
  'get-access-token',
  'sign-jwt',
  'verify-jwt',
];

describe('no session token in any answer to a browser', () => {
  it('holds for every auth route and Better Auth path, with cookie and Origin', async () => {
    const email = uniqueEmail('leak');
    const ip = uniqueIp();
    const browser = (extra: Record<string, string> = {}) => browserHeaders(ip, extra);
    const signup = await api(
      apiPaths.signup,
      json('POST', { email, password: GOOD_PASSWORD }, browser()),
    );
    const login = await api(
      apiPaths.login,
      json('POST', { email, password: GOOD_PASSWORD }, browser()),
    );
    const cookie = sessionCookieFrom(login.clone());
    const { access_token: accessToken } = (await login.clone().json()) as { access_token: string };
    const withCookie = browser({ Cookie: cookie });
    const responses: [string, Response][] = [
      ['signup', signup],
      ['login', login],
      ['token', await api(apiPaths.token, { method: 'POST', headers: withCookie })],
      ['jwks', await api(apiPaths.jwks, { headers: withCookie })],
      ['me', await api(apiPaths.me, withBearer(accessToken, { headers: withCookie }))],
      ['sessions', await api(apiPaths.sessions, withBearer(accessToken, { headers: withCookie }))],
      [
        'end other sessions',
        await api(
          apiPaths.sessions,
          withBearer(accessToken, { method: 'DELETE', headers: withCookie }),
        ),
      ],
      [
        'password',
        await api(
          apiPaths.password,
          withBearer(
            accessToken,
            json(
              'PUT',
              { current_password: GOOD_PASSWORD, new_password: GOOD_PASSWORD },
              withCookie,
            ),
          ),
        ),
      ],
      [
        'login form',
        await api(apiPaths.login, {
          method: 'POST',
          headers: { ...browser(), 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email, password: GOOD_PASSWORD }),
        }),
      ],
    ];
    for (const path of BETTER_AUTH_PATHS) {
      for (const method of ['GET', 'POST']) {
        const init = { method, headers: { ...withCookie, 'Content-Type': 'application/json' } };
        const res = await api(
          `/api/v1/auth/${path}`,
          method === 'POST' ? { ...init, body: '{}' } : init,
        );
        expect(res.status, `${method} ${path}`).toBe(404);
        responses.push([`${method} ${path}`, res]);
      }
    }
    const { id } = (await signup.clone().json()) as { id: string };
    const tokens = await sessionTokens(id);
    expect(tokens.length).toBeGreaterThan(0);
    for (const [name, res] of responses) {
      const readable = await scriptReadable(res);
      for (const token of tokens) expect(readable, name).not.toContain(token);
      expect(res.headers.get('set-auth-token'), name).toBeNull();
      for (const setCookie of (
        res.headers as Headers & { getSetCookie(): string[] }
      ).getSetCookie())
        expect(setCookie, name).toMatch(/; HttpOnly/i);
    }
    // The logout last: it ends the session the scan used.
    const logout = await api(apiPaths.logout, { method: 'POST', headers: withCookie });
    expect(logout.status).toBe(200);
    const afterLogout = await scriptReadable(logout);
    for (const token of tokens) expect(afterLogout).not.toContain(token);
  });

  it('gives a refresh token only to a client that sends neither Origin nor cookie', async () => {
    const { email, ip, cookie } = await signUpAndLogInAsBrowser('leak');
    const body = { email, password: GOOD_PASSWORD };
    const shapes: [Record<string, string>, boolean][] = [
      [{ 'CF-Connecting-IP': ip }, true],
      [browserHeaders(ip), false],
      [{ 'CF-Connecting-IP': ip, Cookie: cookie }, false],
      [{ 'CF-Connecting-IP': ip, Cookie: 'theme=dark' }, false],
    ];
    for (const [headers, script] of shapes) {
      const res = await api(apiPaths.login, json('POST', body, headers));
      expect(res.status).toBe(200);
      const answer = (await res.json()) as Record<string, unknown>;
      expect('refresh_token' in answer, JSON.stringify(headers)).toBe(script);
      // A script gets no cookie: its credential is the refresh token.
      const setCookie = (res.headers as Headers & { getSetCookie(): string[] }).getSetCookie();
      expect(
        setCookie.some((c) => c.includes('session_token=')),
        JSON.stringify(headers),
      ).toBe(!script);
    }
  });

  it('refuses a refresh token sent by a browser, naming the field, and hands out no successor', async () => {
    const { refreshToken } = await scriptUser();
    const res = await api(
      apiPaths.token,
      json('POST', { refresh_token: refreshToken }, browserHeaders(uniqueIp())),
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('"path":"refresh_token"');
    expect(text).not.toContain('access_token');
  });
});

async function scriptUser() {
  const email = uniqueEmail('leak');
  const ip = { 'CF-Connecting-IP': uniqueIp() };
  await api(apiPaths.signup, json('POST', { email, password: GOOD_PASSWORD }, ip));
  const login = await api(apiPaths.login, json('POST', { email, password: GOOD_PASSWORD }, ip));
  const { refresh_token: refreshToken } = (await login.json()) as { refresh_token: string };
  return { refreshToken };
}
