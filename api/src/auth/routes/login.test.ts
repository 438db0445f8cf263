import { apiPaths, LoginResponseSchema } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { api, json } from '../../../test/api.ts';
import { GOOD_PASSWORD, uniqueEmail, uniqueIp } from '../../../test/auth.ts';
import { errorPaths, expectProblem } from '../../../test/problem.ts';

function login(body: unknown) {
  return api(apiPaths.login, json('POST', body, { 'CF-Connecting-IP': uniqueIp() }));
}

describe('POST /auth/login', () => {
  it('gives one identical answer for an unknown email and a wrong password', async () => {
    const email = uniqueEmail('login');
    await api(
      apiPaths.signup,
      json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': uniqueIp() }),
    );
    const unknown = await login({ email: uniqueEmail('nobody'), password: GOOD_PASSWORD });
    const wrong = await login({ email, password: 'Wrong-password-1' });
    const bodies = [await unknown.text(), await wrong.text()];
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(bodies[0]).toBe(bodies[1]);
    expect(JSON.parse(bodies[0]!)).toEqual({
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'Invalid email or password.',
    });
    for (const header of ['Content-Type', 'WWW-Authenticate']) {
      expect(unknown.headers.get(header)).toBe(wrong.headers.get(header));
    }
  });

  it('accepts the email in any letter case and padding', async () => {
    const email = uniqueEmail('login');
    await api(
      apiPaths.signup,
      json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': uniqueIp() }),
    );
    const res = await login({ email: ` ${email.toUpperCase()} `, password: GOOD_PASSWORD });
    expect(res.status).toBe(200);
    LoginResponseSchema.parse(await res.json());
  });

  it('answers bad input with a 400 problem naming the field', async () => {
    const cases: [unknown, string[]][] = [
      [{ email: uniqueEmail() }, ['password']],
      [{ email: 'nope', password: GOOD_PASSWORD }, ['email']],
      [{ email: uniqueEmail(), password: '' }, ['password']],
      [{ email: uniqueEmail(), password: 'x'.repeat(129) }, ['password']],
      [{ email: uniqueEmail(), password: GOOD_PASSWORD, remember: true }, ['remember']],
      [{ email: null, password: 7 }, ['email', 'password']],
    ];
    for (const [body, paths] of cases) {
      const problem = await expectProblem(await login(body), 400);
      expect(errorPaths(problem), JSON.stringify(body)).toEqual(paths);
    }
  });

  describe('as a form (application/x-www-form-urlencoded)', () => {
    function loginForm(fields: Record<string, string>, ip = uniqueIp()) {
      return api(apiPaths.login, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': ip },
        body: new URLSearchParams(fields).toString(),
      });
    }

    it('signs in with email or OAuth2 password-grant username, as JSON does', async () => {
      const email = uniqueEmail('form');
      await api(
        apiPaths.signup,
        json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': uniqueIp() }),
      );
      const forms: Record<string, string>[] = [
        { email, password: GOOD_PASSWORD },
        { username: email.toUpperCase(), password: GOOD_PASSWORD },
        { grant_type: 'password', username: email, password: GOOD_PASSWORD, scope: 'tasks' },
      ];
      for (const form of forms) {
        const res = await loginForm(form);
        expect(res.status, JSON.stringify(form)).toBe(200);
        LoginResponseSchema.parse(await res.json());
      }
      const wrong = await loginForm({ username: email, password: 'Wrong-password-1' });
      const wrongJson = await login({ email, password: 'Wrong-password-1' });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toBe(await wrongJson.text());
    });

    it('answers a bad form with a 400 problem naming the field as sent', async () => {
      const email = uniqueEmail();
      const cases: [Record<string, string>, string[]][] = [
        [{ email }, ['password']],
        [{ username: 'nope', password: GOOD_PASSWORD }, ['username']],
        [{ password: GOOD_PASSWORD }, ['email']],
        [{ email, username: email, password: GOOD_PASSWORD }, ['username']],
        [{ grant_type: 'client_credentials', username: email, password: 'x' }, ['grant_type']],
        [{ username: email, password: GOOD_PASSWORD, client_id: 'x' }, ['client_id']],
        [{}, ['email', 'password']],
      ];
      for (const [form, paths] of cases) {
        const problem = await expectProblem(await loginForm(form), 400);
        expect(errorPaths(problem), JSON.stringify(form)).toEqual(paths);
      }
    });
  });
});
