import { apiPaths } from '@tasks/shared';
import { base64url, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/api.ts';
import {
  nowSeconds,
  signUpAndLogIn,
  signWithServerKey,
  type SignedInUser,
} from '../../test/auth.ts';
import { expectProblem } from '../../test/problem.ts';
import { dbRoundTrips } from '../../test/server-timing.ts';
import { TEST_BINDINGS } from '../../test/test-env.ts';

let user: SignedInUser;
let realKid: string;

beforeAll(async () => {
  user = await signUpAndLogIn('matrix');
  realKid = String(decodeProtectedHeader(user.accessToken).kid);
});

/** `GET /me` with the raw `Authorization` header value. */
function me(authorization?: string) {
  return api(apiPaths.me, authorization ? { headers: { Authorization: authorization } } : {});
}

async function expectRejected(response: Response) {
  expect(response.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  return expectProblem(response, 401, { title: 'Unauthorized' });
}

/** Valid claims for `user`, to be spoiled one at a time. */
function claims(overrides: Record<string, unknown> = {}) {
  const now = nowSeconds();
  return {
    sub: user.id,
    sid: crypto.randomUUID(),
    iat: now,
    exp: now + 600,
    iss: TEST_BINDINGS.JWT_ISSUER,
    aud: TEST_BINDINGS.JWT_AUDIENCE,
    ...overrides,
  };
}

/** A compact JWS from raw header and payload objects with the given signature bytes. */
function compact(header: object, payload: object, signature = new Uint8Array()) {
  const encode = (value: object) => base64url.encode(JSON.stringify(value));
  return `${encode(header)}.${encode(payload)}.${base64url.encode(signature)}`;
}

describe('the access token the API issued', () => {
  it('is accepted, and carries only the user and session ids', async () => {
    const res = await me(`Bearer ${user.accessToken}`);
    expect(res.status).toBe(200);
    const [, payload = ''] = user.accessToken.split('.');
    const decoded = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    expect(Object.keys(decoded).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sid', 'sub']);
    expect(decoded.sub).toBe(user.id);
    expect(decoded.exp - decoded.iat).toBe(15 * 60);
    expect(decodeProtectedHeader(user.accessToken)).toEqual({ alg: 'EdDSA', kid: realKid });
  });

  it('is accepted within the 30 s leeway after expiry, and the scheme is case-insensitive', async () => {
    const token = await signWithServerKey(
      claims({ iat: nowSeconds() - 900, exp: nowSeconds() - 10 }),
    );
    expect((await me(`bearer ${token}`)).status).toBe(200);
  });
});

describe('a missing or malformed Authorization header', () => {
  const cases: Record<string, string | undefined> = {
    missing: undefined,
    'empty bearer': 'Bearer ',
    'basic scheme': 'Basic dXNlcjpwYXNz',
    'token without scheme': 'eyJhbGciOiJFZERTQSJ9.e30.sig',
    'two segments': 'Bearer eyJhbGciOiJFZERTQSJ9.e30',
    'four segments': 'Bearer a.b.c.d',
    'not base64url': 'Bearer ey$$.e30.c2ln',
    'header not JSON': `Bearer ${base64url.encode('nope')}.e30.c2ln`,
    'token too long': `Bearer ${'a'.repeat(3000)}.e30.c2ln`,
  };
  for (const [name, authorization] of Object.entries(cases)) {
    it(`is refused: ${name}`, async () => {
      const res = await me(authorization);
      await expectRejected(res);
      expect(dbRoundTrips(res)).toBe(0);
    });
  }
});

describe('a forged or stale token', () => {
  it('is refused with alg "none"', async () => {
    await expectRejected(await me(`Bearer ${compact({ alg: 'none', kid: realKid }, claims())}`));
    await expectRejected(await me(`Bearer ${compact({ alg: 'none' }, claims())}`));
  });

  it('is refused when HS256-signed with the public key (algorithm confusion)', async () => {
    const jwks = (await (await api(apiPaths.jwks)).json()) as {
      keys: { kid: string; x: string }[];
    };
    const publicKey = jwks.keys.find((key) => key.kid === realKid)!;
    for (const secret of [
      base64url.decode(publicKey.x),
      new TextEncoder().encode(JSON.stringify(publicKey)),
    ]) {
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: realKid })
        .sign(secret);
      await expectRejected(await me(`Bearer ${token}`));
    }
  });

  it('is refused when signed by another Ed25519 key under the real kid (bad signature)', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'EdDSA', kid: realKid })
      .sign(privateKey);
    await expectRejected(await me(`Bearer ${token}`));
  });

  it('is refused with a flipped signature bit', async () => {
    const [header, payload, signature = ''] = user.accessToken.split('.');
    const bytes = base64url.decode(signature);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expectRejected(await me(`Bearer ${header}.${payload}.${base64url.encode(bytes)}`));
  });

  it('is refused with a tampered payload (another user id)', async () => {
    const [header, payload = '', signature] = user.accessToken.split('.');
    const decoded = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    const tampered = base64url.encode(JSON.stringify({ ...decoded, sub: 'someone-else' }));
    await expectRejected(await me(`Bearer ${header}.${tampered}.${signature}`));
  });

  it('is refused with an unknown kid', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'EdDSA', kid: crypto.randomUUID() })
      .sign(privateKey);
    await expectRejected(await me(`Bearer ${token}`));
  });

  it('is refused, without touching the database, when the kid is an injection attempt', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    for (const kid of ["' or '1'='1", '../../jwks', 'a'.repeat(200), '', 42]) {
      const header = { alg: 'EdDSA', kid } as unknown as { alg: string };
      const token = await new SignJWT(claims()).setProtectedHeader(header).sign(privateKey);
      const res = await me(`Bearer ${token}`);
      await expectRejected(res);
      expect(dbRoundTrips(res)).toBe(0);
    }
  });

  it('is refused when the header names a key source (jku, x5u, jwk, x5c) or crit', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwk = await exportJWK(publicKey);
    const headers = [
      { jku: 'https://attacker.example/jwks.json' },
      { x5u: 'https://attacker.example/cert.pem' },
      { jwk },
      { x5c: ['MIIB'] },
    ];
    for (const extra of headers) {
      for (const kid of [realKid, 'attackerKid']) {
        const token = await new SignJWT(claims())
          .setProtectedHeader({ alg: 'EdDSA', kid, ...extra })
          .sign(privateKey);
        await expectRejected(await me(`Bearer ${token}`));
      }
    }
    // jose refuses to sign an unknown `crit` extension, so build that one by hand.
    const critical = compact(
      { alg: 'EdDSA', kid: realKid, crit: ['b64'], b64: false },
      claims(),
      new Uint8Array(64),
    );
    await expectRejected(await me(`Bearer ${critical}`));
  });

  const stale: Record<string, () => Record<string, unknown>> = {
    'expired beyond the 30 s leeway': () =>
      claims({ iat: nowSeconds() - 960, exp: nowSeconds() - 60 }),
    'not valid before a future nbf': () => claims({ nbf: nowSeconds() + 120 }),
    'issued in the future': () => claims({ iat: nowSeconds() + 120 }),
    'older than 15 minutes whatever its exp': () =>
      claims({ iat: nowSeconds() - 1000, exp: nowSeconds() + 600 }),
    'for another issuer': () => claims({ iss: 'https://evil.example' }),
    'for another audience': () => claims({ aud: 'another-api' }),
    'without a subject': () => claims({ sub: undefined }),
    'without a session id': () => claims({ sid: undefined }),
  };
  for (const [name, payload] of Object.entries(stale)) {
    it(`is refused when signed with the real key but ${name}`, async () => {
      await expectRejected(await me(`Bearer ${await signWithServerKey(payload())}`));
    });
  }

  it('says when the token has merely expired, so a client knows to refresh', async () => {
    const token = await signWithServerKey(
      claims({ iat: nowSeconds() - 960, exp: nowSeconds() - 60 }),
    );
    const problem = await expectRejected(await me(`Bearer ${token}`));
    expect(problem.detail).toMatch(/expired/);
  });
});
