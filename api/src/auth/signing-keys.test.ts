import { apiPaths } from '@tasks/shared';
import { eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api } from '../../test/api.ts';
import {
  nowSeconds,
  signUpAndLogIn,
  testDb,
  withBearer,
  type SignedInUser,
} from '../../test/auth.ts';
import { expectProblem } from '../../test/problem.ts';
import { dbRoundTrips } from '../../test/server-timing.ts';
import { TEST_BINDINGS } from '../../test/test-env.ts';
import { jwks } from '../db/schema/index.ts';
import { AUTH_STATE_MAX_AGE_MS } from './auth-state.ts';

let user: SignedInUser;
const otherIsolateKid = crypto.randomUUID();

beforeAll(async () => {
  user = await signUpAndLogIn('keys');
});

afterAll(async () => {
  vi.useRealTimers();
  await testDb().delete(jwks).where(eq(jwks.id, otherIsolateKid));
});

describe('GET /auth/jwks', () => {
  it('publishes the Ed25519 public half of every signing key, never a private part', async () => {
    const res = await api(apiPaths.jwks);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'x']);
    }
  });
});

describe('verifying access tokens from isolate memory', () => {
  it('costs no database round trip once warm (a malformed task id: auth, then 404)', async () => {
    await api(apiPaths.me, withBearer(user.accessToken)); // warm
    const res = await api(apiPaths.task('not-a-uuid'), withBearer(user.accessToken));
    await expectProblem(res, 404);
    expect(dbRoundTrips(res)).toBe(0);
  });

  it('leaves /me with exactly its own read', async () => {
    const res = await api(apiPaths.me, withBearer(user.accessToken));
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
  });

  it('reloads the keys on an unknown kid, at most once per cooldown', async () => {
    // Whatever ran before in this isolate, the snapshot is loaded now, before the new key exists:
    // a moment past its max age makes the next request load it (an older snapshot's background
    // refresh, which a reload would join, would otherwise pick up the key uncounted).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * AUTH_STATE_MAX_AGE_MS });
    expect((await api(apiPaths.me, withBearer(user.accessToken))).status).toBe(200);
    // A key as another isolate would have minted it. Created "long ago" so this isolate's
    // Better Auth never picks it to sign with; only our own private half can sign for it.
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await testDb()
      .insert(jwks)
      .values({
        id: otherIsolateKid,
        publicKey: JSON.stringify(await exportJWK(publicKey)),
        privateKey: '{"unused":true}',
        alg: 'EdDSA',
        crv: 'Ed25519',
        createdAt: new Date('2000-01-01T00:00:00Z'),
      });
    const sign = (kid: string) =>
      new SignJWT({ sid: crypto.randomUUID() })
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setSubject(user.id)
        .setIssuer(TEST_BINDINGS.JWT_ISSUER)
        .setAudience(TEST_BINDINGS.JWT_AUDIENCE)
        .setIssuedAt(nowSeconds())
        .setExpirationTime(nowSeconds() + 600)
        .sign(privateKey);

    // Step past the cooldown that load started, not past the snapshot's freshness (Date only; I/O
    // timers stay real).
    vi.setSystemTime(Date.now() + 11_000);

    const first = await api(apiPaths.me, withBearer(await sign(otherIsolateKid)));
    expect(first.status).toBe(200);
    expect(dbRoundTrips(first)).toBe(2); // the key reload, then the profile

    const forged = await api(apiPaths.me, withBearer(await sign(crypto.randomUUID())));
    await expectProblem(forged, 401);
    expect(dbRoundTrips(forged)).toBe(0); // within the cooldown: no reload

    const again = await api(apiPaths.me, withBearer(await sign(otherIsolateKid)));
    expect(again.status).toBe(200);
    expect(dbRoundTrips(again)).toBe(1);
  });
});
