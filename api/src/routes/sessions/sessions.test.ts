import { apiPaths, SessionListSchema, SessionsEndedSchema } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { api, json } from '../../../test/api.ts';
import {
  browserHeaders,
  GOOD_PASSWORD,
  scriptLogIn,
  signUpAndLogIn,
  withBearer,
} from '../../../test/auth.ts';
import { errorPaths, expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';

const NEW_PASSWORD = 'Battery-staple-7';

async function listOf(accessToken: string) {
  const res = await api(apiPaths.sessions, withBearer(accessToken));
  expect(res.status).toBe(200);
  expect(dbRoundTrips(res)).toBe(1);
  const text = await res.text();
  return { list: SessionListSchema.parse(JSON.parse(text)).sessions, text };
}

describe('GET /sessions', () => {
  it('lists the caller’s devices with the current one marked, and never a token', async () => {
    const user = await signUpAndLogIn('sessions');
    const { list, text } = await listOf(user.accessToken);
    expect(list).toHaveLength(2); // the browser login and the script login
    expect(list.filter((session) => session.current)).toHaveLength(1);
    expect(text).not.toContain(user.refreshToken);
    expect(text).not.toContain(user.cookie.split('=')[1]!.split('.')[0]!);
    for (const session of list)
      expect(Object.keys(session).sort()).toEqual([
        'created_at',
        'current',
        'device',
        'id',
        'last_used_at',
      ]);
  });
});

describe('DELETE /sessions and /sessions/{id}', () => {
  it('end one device, then every other, keeping the caller’s own', async () => {
    const user = await signUpAndLogIn('sessions');
    const third = await scriptLogIn(user.email, user.ip);
    const { list } = await listOf(user.accessToken);
    const other = list.find((session) => !session.current)!;
    const one = await api(
      apiPaths.session(other.id),
      withBearer(user.accessToken, { method: 'DELETE' }),
    );
    expect(one.status).toBe(204);
    await expectProblem(
      await api(apiPaths.session(other.id), withBearer(user.accessToken, { method: 'DELETE' })),
      404,
    );
    const rest = await api(apiPaths.sessions, withBearer(user.accessToken, { method: 'DELETE' }));
    expect(SessionsEndedSchema.parse(await rest.json())).toEqual({ sessions_ended: 1 });
    expect((await listOf(user.accessToken)).list.map((session) => session.current)).toEqual([true]);
    await expectProblem(await api(apiPaths.me, withBearer(third.accessToken)), 401);
  });

  it('answers a malformed id with a 400 naming it', async () => {
    const user = await signUpAndLogIn('sessions');
    const res = await api(
      apiPaths.session('not-a-uuid'),
      withBearer(user.accessToken, { method: 'DELETE' }),
    );
    expect(errorPaths(await expectProblem(res, 400))).toEqual(['id']);
  });

  it('cannot end another user’s session', async () => {
    const [a, b] = [await signUpAndLogIn('sessions'), await signUpAndLogIn('sessions')];
    const theirs = (await listOf(b.accessToken)).list[0]!;
    await expectProblem(
      await api(apiPaths.session(theirs.id), withBearer(a.accessToken, { method: 'DELETE' })),
      404,
    );
    expect((await listOf(b.accessToken)).list).toHaveLength(2);
  });
});

describe('PUT /me/password', () => {
  const change = (accessToken: string, body: unknown) =>
    api(apiPaths.password, withBearer(accessToken, json('PUT', body)));

  it('needs the current password and ends every other session', async () => {
    const user = await signUpAndLogIn('password');
    const wrong = await change(user.accessToken, {
      current_password: 'Not-the-password-1',
      new_password: NEW_PASSWORD,
    });
    expect(errorPaths(await expectProblem(wrong, 400))).toEqual(['current_password']);

    const res = await change(user.accessToken, {
      current_password: GOOD_PASSWORD,
      new_password: NEW_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sessions_ended: 1 });
    // The script's session is over, the caller's lives on; only the new password signs in.
    await expectProblem(
      await api(apiPaths.token, json('POST', { refresh_token: user.refreshToken })),
      401,
    );
    expect((await api(apiPaths.me, withBearer(user.accessToken))).status).toBe(200);
    const login = (password: string) =>
      api(apiPaths.login, json('POST', { email: user.email, password }, browserHeaders(user.ip)));
    await expectProblem(await login(GOOD_PASSWORD), 401);
    expect((await login(NEW_PASSWORD)).status).toBe(200);
  });

  it('applies the sign-up policy and names each bad field', async () => {
    const user = await signUpAndLogIn('password');
    const cases: [unknown, string[]][] = [
      [{ current_password: GOOD_PASSWORD, new_password: 'alllowercase1' }, ['new_password']],
      [{ current_password: GOOD_PASSWORD, new_password: 'Aa'.repeat(65) }, ['new_password']],
      [{ current_password: '', new_password: NEW_PASSWORD }, ['current_password']],
      [{ current_password: GOOD_PASSWORD }, ['new_password']],
      [{ current_password: GOOD_PASSWORD, new_password: NEW_PASSWORD, extra: 1 }, ['extra']],
    ];
    for (const [body, paths] of cases) {
      const problem = await expectProblem(await change(user.accessToken, body), 400);
      expect(errorPaths(problem), JSON.stringify(body)).toEqual(paths);
    }
  });
});
