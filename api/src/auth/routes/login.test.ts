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
});
