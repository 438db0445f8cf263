import { apiPaths } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { api, json } from '../../../test/api.ts';
import { GOOD_PASSWORD, uniqueEmail, uniqueIp } from '../../../test/auth.ts';
import { errorPaths, expectProblem } from '../../../test/problem.ts';

function signup(body: unknown, init: { headers?: Record<string, string> } = {}) {
  return api(
    apiPaths.signup,
    json('POST', body, { 'CF-Connecting-IP': uniqueIp(), ...init.headers }),
  );
}

describe('POST /auth/signup', () => {
  it('creates the account and answers 201 with id, email and created_at only', async () => {
    const email = uniqueEmail('signup');
    const res = await signup({ email, password: GOOD_PASSWORD, name: 'Grace' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['created_at', 'email', 'id']);
    expect(body.email).toBe(email);
    // The seed's contract: `id` is `format: uuid` (Better Auth's generateId 'uuid').
    expect(body.id).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
    expect(Date.parse(String(body.created_at))).not.toBeNaN();
  });

  const weak: Record<string, string> = {
    'shorter than 8 characters': 'Ab1cdef',
    'without an upper-case letter': 'lowercase-only-1',
    'without a lower-case letter': 'UPPERCASE-ONLY-1',
    'longer than 128 characters': `Aa${'x'.repeat(127)}`,
  };
  for (const [name, password] of Object.entries(weak)) {
    it(`refuses a password ${name}, naming the field`, async () => {
      const problem = await expectProblem(await signup({ email: uniqueEmail(), password }), 400);
      expect(errorPaths(problem)).toContain('password');
    });
  }

  it('refuses a malformed email, naming the field', async () => {
    for (const email of ['not-an-email', 'a@', '', `${'x'.repeat(250)}@example.test`]) {
      const problem = await expectProblem(await signup({ email, password: GOOD_PASSWORD }), 400);
      expect(errorPaths(problem)).toEqual(['email']);
    }
  });

  it('refuses an email already registered in any letter case or padding', async () => {
    const email = uniqueEmail('taken');
    expect((await signup({ email, password: GOOD_PASSWORD })).status).toBe(201);
    for (const again of [email, email.toUpperCase(), `  ${email}\t`]) {
      const problem = await expectProblem(
        await signup({ email: again, password: GOOD_PASSWORD }),
        400,
      );
      expect(errorPaths(problem)).toEqual(['email']);
    }
  });

  it('lets exactly one of two simultaneous sign-ups for one email win', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all([1, 2].map(() => signup({ email, password: GOOD_PASSWORD })));
    expect(results.map((res) => res.status).sort()).toEqual([201, 400]);
  });

  it('answers bad input with a 400 problem naming the field, never a 500', async () => {
    const cases: [unknown, string[]][] = [
      [{ email: 42, password: GOOD_PASSWORD }, ['email']],
      [{ email: uniqueEmail() }, ['password']],
      [{ password: GOOD_PASSWORD }, ['email']],
      [{ email: uniqueEmail(), password: GOOD_PASSWORD, admin: true }, ['admin']],
      [{ email: uniqueEmail(), password: GOOD_PASSWORD, name: 'n'.repeat(101) }, ['name']],
      [{ email: uniqueEmail(), password: ['Array-Pass-1'] }, ['password']],
      [[], ['body']],
      ['just a string', ['body']],
    ];
    for (const [body, paths] of cases) {
      const problem = await expectProblem(await signup(body), 400);
      expect(errorPaths(problem), JSON.stringify(body)).toEqual(paths);
    }
  });

  it('answers a non-JSON body with a 4xx problem', async () => {
    const headers = { 'CF-Connecting-IP': uniqueIp() };
    const malformed = await api(apiPaths.signup, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: '{"email":',
    });
    await expectProblem(malformed, 400);
    const text = await api(apiPaths.signup, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'text/plain' },
      body: 'hi',
    });
    await expectProblem(text, 415);
  });
});
