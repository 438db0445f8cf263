import { apiPaths } from '@tasks/shared';
import { eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callerWith } from '../../test/api.ts';
import {
  nowSeconds,
  signUpAndLogIn,
  signWithServerKey,
  testDb,
  withBearer,
} from '../../test/auth.ts';
import { expectProblem } from '../../test/problem.ts';
import { dbRoundTrips } from '../../test/server-timing.ts';
import { TEST_BINDINGS } from '../../test/test-env.ts';
import { jwks, sessions } from '../db/schema/index.ts';
import { CLOCK_TOLERANCE_SECONDS } from './auth-config.ts';
import { AUTH_STATE_FRESH_MS, AUTH_STATE_MAX_AGE_MS } from './auth-state.ts';

// Sessions are ended here straight in the database, as another isolate would end them, so this
// isolate learns of it only through its cached revocation list. The clock is moved, not waited.
const call = callerWith();
let clock = Date.now();
const moveTo = (ms: number) => vi.setSystemTime((clock = ms));

afterEach(() => {
  vi.useRealTimers();
});

/** A route whose answer costs no round trip past auth: a malformed task id is a 404. */
const probe = (accessToken: string) => call(apiPaths.task('not-a-uuid'), withBearer(accessToken));

/**
 * Starts a fake clock far enough ahead (of the real one and of earlier tests' fake ones) that the
 * isolate's snapshot is past its max age. Tokens live 15 minutes: the whole file moves less.
 */
async function freshSnapshot(accessToken: string) {
  const start = Math.max(Date.now(), clock) + 2 * AUTH_STATE_MAX_AGE_MS;
  vi.useFakeTimers({ toFake: ['Date'], now: start });
  moveTo(start);
  const res = await probe(accessToken);
  expect(dbRoundTrips(res)).toBe(1); // the reload of keys and revocations, on the request path
  await expectProblem(res, 404);
  return clock;
}

describe('an access token of an ended session', () => {
  it('is refused within 60 s while warm requests spend no round trip on auth', async () => {
    const user = await signUpAndLogIn('revoke');
    const loadedAt = await freshSnapshot(user.accessToken);
    await testDb().delete(sessions).where(eq(sessions.userId, user.id));

    moveTo(loadedAt + 1000);
    const warm = await probe(user.accessToken);
    await expectProblem(warm, 404); // the snapshot is fresh: not yet known, no round trip
    expect(dbRoundTrips(warm)).toBe(0);

    moveTo(loadedAt + AUTH_STATE_FRESH_MS + 1000);
    const stale = await probe(user.accessToken);
    await expectProblem(stale, 404); // still answered from memory; the reload runs after it
    expect(dbRoundTrips(stale)).toBe(0);

    const next = await probe(user.accessToken);
    await expectProblem(next, 401, { detail: 'The session has ended; log in again.' });
    expect(dbRoundTrips(next)).toBe(0);
  });

  it('is refused at the 60 s bound even by an isolate that saw no request in between', async () => {
    const user = await signUpAndLogIn('revoke');
    const loadedAt = await freshSnapshot(user.accessToken);
    await testDb().delete(sessions).where(eq(sessions.userId, user.id));
    moveTo(loadedAt + AUTH_STATE_MAX_AGE_MS);
    await expectProblem(await probe(user.accessToken), 401);
  });
});

describe('a token this isolate already verified', () => {
  it('is refused once it expired, and once its session ended', async () => {
    const user = await signUpAndLogIn('cached');
    await freshSnapshot(user.accessToken); // verified, so remembered
    const now = nowSeconds();
    const shortLived = await signWithServerKey({
      sub: user.id,
      sid: crypto.randomUUID(),
      iat: now - 890,
      exp: now + 5,
      iss: TEST_BINDINGS.JWT_ISSUER,
      aud: TEST_BINDINGS.JWT_AUDIENCE,
    });
    await expectProblem(await probe(shortLived), 404);
    await expectProblem(await probe(shortLived), 404); // the remembered verification
    // Past exp and the leeway, what was remembered no longer counts.
    moveTo((now + 5 + CLOCK_TOLERANCE_SECONDS + 1) * 1000);
    await expectProblem(await probe(shortLived), 401, { detail: 'The access token expired.' });

    await expectProblem(await probe(user.accessToken), 404);
    await testDb().delete(sessions).where(eq(sessions.userId, user.id));
    moveTo(clock + AUTH_STATE_MAX_AGE_MS); // past the max age of any snapshot taken so far
    await expectProblem(await probe(user.accessToken), 401, {
      detail: 'The session has ended; log in again.',
    });
  });
});

describe('signing keys', () => {
  it('stop verifying within 60 s of being removed', async () => {
    const user = await signUpAndLogIn('keys');
    const kid = crypto.randomUUID();
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await testDb()
      .insert(jwks)
      .values({
        id: kid,
        publicKey: JSON.stringify(await exportJWK(publicKey)),
        privateKey: '{"unused":true}',
        alg: 'EdDSA',
        crv: 'Ed25519',
        createdAt: new Date('2000-01-01T00:00:00Z'),
      });
    const loadedAt = await freshSnapshot(user.accessToken);
    const sid = JSON.parse(atob(user.accessToken.split('.')[1]!)).sid as string;
    const token = await new SignJWT({ sid })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject(user.id)
      .setIssuer(TEST_BINDINGS.JWT_ISSUER)
      .setAudience(TEST_BINDINGS.JWT_AUDIENCE)
      .setIssuedAt(nowSeconds())
      .setExpirationTime(nowSeconds() + 600)
      .sign(privateKey);
    await expectProblem(await probe(token), 404); // verifies
    await testDb().delete(jwks).where(eq(jwks.id, kid));
    moveTo(loadedAt + AUTH_STATE_MAX_AGE_MS);
    await expectProblem(await probe(token), 401, { detail: 'The access token is invalid.' });
  });

  it('rotate: a retired key keeps verifying its tokens while a new key signs', async () => {
    const user = await signUpAndLogIn('rotation');
    const kidOf = (jwt: string) => JSON.parse(atob(jwt.split('.')[0]!)).kid as string;
    const oldKid = kidOf(user.accessToken);
    // Retire the current key as its rotation interval ending would.
    await testDb()
      .update(jwks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(jwks.id, oldKid));
    await freshSnapshot(user.accessToken); // this isolate sees the retirement
    const next = await signUpAndLogIn('rotation');
    expect(kidOf(next.accessToken)).not.toBe(oldKid);
    await expectProblem(await probe(user.accessToken), 404); // the old token still verifies
    await expectProblem(await probe(next.accessToken), 404);
    const keys = ((await (await call(apiPaths.jwks)).json()) as { keys: { kid: string }[] }).keys;
    expect(keys.map((key) => key.kid)).toEqual(
      expect.arrayContaining([oldKid, kidOf(next.accessToken)]),
    );
  });
});

describe('the isolate snapshot', () => {
  it('is reloaded when stamped later than now (the clock stepped back)', async () => {
    // Not moveTo: the clock of the tests above stays put. Signed up on the clock ahead, so the
    // token is valid on both clocks; the first probe loads the snapshot, stamped ahead.
    vi.useFakeTimers({
      toFake: ['Date'],
      now: Math.max(Date.now(), clock) + 2 * AUTH_STATE_MAX_AGE_MS,
    });
    const user = await signUpAndLogIn('clock-back');
    expect(dbRoundTrips(await probe(user.accessToken))).toBe(1); // the load, stamped ahead
    vi.useRealTimers();
    const res = await probe(user.accessToken);
    await expectProblem(res, 404);
    expect(dbRoundTrips(res)).toBe(1); // not taken for fresh until the clock catches up
  });
});
