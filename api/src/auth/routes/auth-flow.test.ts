import {
  AccessTokenSchema,
  apiPaths,
  LoginResponseSchema,
  MeSchema,
  SignupResponseSchema,
} from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { api, json } from '../../../test/api.ts';
import { GOOD_PASSWORD, uniqueEmail, uniqueIp, withBearer } from '../../../test/auth.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';

describe('an account, end to end', () => {
  it('signs up, logs in, reads /me, refreshes, logs out, and then cannot get back in', async () => {
    const email = uniqueEmail('flow');
    const ip = { 'CF-Connecting-IP': uniqueIp() };

    const signup = await api(
      apiPaths.signup,
      json(
        'POST',
        { email: `  ${email.toUpperCase()} `, password: GOOD_PASSWORD, name: 'Ada' },
        ip,
      ),
    );
    expect(signup.status).toBe(201);
    const account = SignupResponseSchema.parse(await signup.json());
    expect(account.email).toBe(email);

    const login = await api(apiPaths.login, json('POST', { email, password: GOOD_PASSWORD }, ip));
    expect(login.status).toBe(200);
    expect(login.headers.get('Cache-Control')).toBe('no-store');
    const tokens = LoginResponseSchema.parse(await login.json());
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 900 });

    const me = await api(apiPaths.me, withBearer(tokens.access_token));
    expect(MeSchema.parse(await me.json())).toEqual({
      id: account.id,
      email,
      name: 'Ada',
      created_at: account.created_at,
      time_zone: null,
      // No reminders unless the user asks for them; all-day reminders count from 09:00.
      reminder_defaults: { before_minutes: [], all_day_time: '09:00' },
    });

    const refresh = await api(
      apiPaths.token,
      json('POST', { refresh_token: tokens.refresh_token }, ip),
    );
    expect(refresh.status).toBe(200);
    const fresh = AccessTokenSchema.parse(await refresh.json());
    expect((await api(apiPaths.me, withBearer(fresh.access_token))).status).toBe(200);

    const logout = await api(apiPaths.logout, withBearer(fresh.access_token, { method: 'POST' }));
    expect(logout.status).toBe(200);
    expect(await logout.json()).toEqual({ logged_out: true });

    const afterLogout = await api(
      apiPaths.token,
      json('POST', { refresh_token: tokens.refresh_token }, ip),
    );
    await expectProblem(afterLogout, 401);
    const wrongPassword = await api(
      apiPaths.login,
      json('POST', { email, password: 'Wrong-password-1' }, ip),
    );
    await expectProblem(wrongPassword, 401, { detail: 'Invalid email or password.' });
  });

  it('logs out with the refresh token alone', async () => {
    const email = uniqueEmail('flow');
    const ip = { 'CF-Connecting-IP': uniqueIp() };
    await api(apiPaths.signup, json('POST', { email, password: GOOD_PASSWORD }, ip));
    const login = await api(apiPaths.login, json('POST', { email, password: GOOD_PASSWORD }, ip));
    const { refresh_token } = LoginResponseSchema.parse(await login.json());
    expect((await api(apiPaths.logout, json('POST', { refresh_token }, ip))).status).toBe(200);
    await expectProblem(await api(apiPaths.token, json('POST', { refresh_token }, ip)), 401);
  });

  it('defaults the name to empty and keeps each login its own session', async () => {
    const email = uniqueEmail('flow');
    const ip = { 'CF-Connecting-IP': uniqueIp() };
    await api(apiPaths.signup, json('POST', { email, password: GOOD_PASSWORD }, ip));
    const logins = [];
    for (let i = 0; i < 2; i += 1) {
      const login = await api(apiPaths.login, json('POST', { email, password: GOOD_PASSWORD }, ip));
      logins.push(LoginResponseSchema.parse(await login.json()));
    }
    const [first, second] = logins as [(typeof logins)[0], (typeof logins)[0]];
    expect(first.refresh_token).not.toBe(second.refresh_token);
    await api(apiPaths.logout, withBearer(first.access_token, { method: 'POST' }));
    expect(
      (await api(apiPaths.token, json('POST', { refresh_token: second.refresh_token }, ip))).status,
    ).toBe(200);
    const me = MeSchema.parse(
      await (await api(apiPaths.me, withBearer(second.access_token))).json(),
    );
    expect(me.name).toBe('');
  });
});

describe('round trips per auth endpoint (warm isolate)', () => {
  it('stays within a small fixed budget', async () => {
    const email = uniqueEmail('trips');
    const ip = { 'CF-Connecting-IP': uniqueIp() };
    const signup = await api(apiPaths.signup, json('POST', { email, password: GOOD_PASSWORD }, ip));
    // rate limit, then user + credential in one statement (no session: sign-up does not sign in)
    expect(dbRoundTrips(signup)).toBe(2);
    const login = await api(apiPaths.login, json('POST', { email, password: GOOD_PASSWORD }, ip));
    // rate limit, user+credential lookup (one join), session insert; signing keys are cached
    expect(dbRoundTrips(login)).toBe(3);
    const { access_token, refresh_token } = LoginResponseSchema.parse(await login.json());
    const refresh = await api(apiPaths.token, json('POST', { refresh_token }, ip));
    // rate limit, then the rotation (lookup, swap, sliding expiry) in one statement
    expect(dbRoundTrips(refresh)).toBe(2);
    const logout = await api(apiPaths.logout, withBearer(access_token, { method: 'POST' }));
    expect(dbRoundTrips(logout)).toBe(1); // the delete; the token is verified from memory
  });
});

describe('the OpenAPI document', () => {
  it('describes the auth endpoints and marks /me as bearer-protected', async () => {
    const doc = (await (await api(apiPaths.openapi)).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    for (const path of [apiPaths.signup, apiPaths.login, apiPaths.token, apiPaths.logout]) {
      expect(Object.keys(doc.paths[path] ?? {})).toEqual(['post']);
    }
    expect(Object.keys(doc.paths[apiPaths.jwks] ?? {})).toEqual(['get']);
    expect(doc.paths[apiPaths.me]?.get?.security).toEqual([{ bearer: [] }]);
  });
});
