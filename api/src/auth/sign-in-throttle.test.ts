import { apiPaths } from '@tasks/shared';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, callerWith, json } from '../../test/api.ts';
import { GOOD_PASSWORD, uniqueEmail, uniqueIp } from '../../test/auth.ts';
import { expectProblem } from '../../test/problem.ts';
import { getEnv } from '../env.ts';
import { signInDelayMs } from './sign-in-throttle.ts';

const limits = getEnv(env);
const WRONG = 'Wrong-password-1';
type Call = typeof api;

function login(email: string, password: string, ip: string, call: Call = api) {
  return call(apiPaths.login, json('POST', { email, password }, { 'CF-Connecting-IP': ip }));
}

async function signUp(label: string): Promise<string> {
  const email = uniqueEmail(label);
  const res = await api(
    apiPaths.signup,
    json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': uniqueIp() }),
  );
  expect(res.status).toBe(201);
  return email;
}

async function expectTooMany(res: Response) {
  await expectProblem(res, 429, { title: 'Too Many Requests' });
  const retryAfter = Number(res.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(limits.AUTH_RATE_LIMIT_WINDOW_SECONDS);
}

/** The attacker's failed guesses from one address, up to the (email, address) limit. */
async function failFrom(ip: string, email: string, call: Call = api) {
  for (let i = 0; i < limits.AUTH_RATE_LIMIT_PER_EMAIL; i += 1) {
    await expectProblem(await login(email, WRONG, ip, call), 401);
  }
}

describe('sign-in throttling cannot lock the owner out', () => {
  it('refuses the attacker’s address but lets the owner in from another one', async () => {
    const email = await signUp('victim');
    const attacker = uniqueIp();
    await failFrom(attacker, email);
    await expectTooMany(await login(email, WRONG, attacker));
    // The pair is blocked even with the right password: the attacker's address learns nothing.
    await expectTooMany(await login(email, GOOD_PASSWORD, attacker));
    expect((await login(email, GOOD_PASSWORD, uniqueIp())).status).toBe(200);
  });

  it('only slows an email failing from many addresses: new addresses get 401 or 200, never 429', async () => {
    const call = callerWith({ AUTH_SIGN_IN_MAX_DELAY_MS: '20' });
    const email = await signUp('spread');
    for (let i = 0; i < 4; i += 1) await failFrom(uniqueIp(), email, call);
    await expectProblem(await login(email, WRONG, uniqueIp(), call), 401);
    expect((await login(email, GOOD_PASSWORD, uniqueIp(), call)).status).toBe(200);
    // Some twenty scrypt verifications: 3 s alone, past the default 20 s on two saturated cores.
  }, 60_000);

  it('limits unknown emails the same way, so a 429 reveals nothing about accounts', async () => {
    const email = uniqueEmail('nobody');
    const ip = uniqueIp();
    await failFrom(ip, email);
    await expectTooMany(await login(email, WRONG, ip));
  });

  it('counts only failures per email and address: a success forgives the earlier ones', async () => {
    const email = await signUp('forgiven');
    const ip = uniqueIp();
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < limits.AUTH_RATE_LIMIT_PER_EMAIL - 1; i += 1) {
        await expectProblem(await login(email, WRONG, ip), 401);
      }
      expect((await login(email, GOOD_PASSWORD, ip)).status).toBe(200);
    }
  });

  it('refuses one client address after its sign-in attempts fill the window, whatever the emails', async () => {
    const call = callerWith({ AUTH_RATE_LIMIT_PER_IP: '3' });
    const ip = uniqueIp();
    for (let i = 0; i < 3; i += 1) {
      await expectProblem(await login(uniqueEmail(), 'Some-pass-1', ip, call), 401);
    }
    await expectTooMany(await login(uniqueEmail(), 'Some-pass-1', ip, call));
    await expectProblem(await login(uniqueEmail(), 'Some-pass-1', uniqueIp(), call), 401);
  });
});

describe('signInDelayMs', () => {
  it('waits nothing for the free failures, then doubles from 250 ms up to the cap', () => {
    const delays = Array.from({ length: 12 }, (_, i) => signInDelayMs(i, 5, 3000));
    expect(delays).toEqual([0, 0, 0, 0, 0, 0, 250, 500, 1000, 2000, 3000, 3000]);
    expect(signInDelayMs(1_000_000, 5, 3000)).toBe(3000);
    expect(signInDelayMs(50, 5, 0)).toBe(0);
  });
});
