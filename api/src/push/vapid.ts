import { base64UrlBytes, toBase64Url } from '@tasks/shared';
import { importJWK, SignJWT } from 'jose';

/** The worker's VAPID identity (RFC 8292), from the validated env. */
export type Vapid = { publicKey: string; privateKey: string; subject: string };

/** How long a VAPID token is valid; RFC 8292 §2 allows at most 24 hours. */
const TOKEN_SECONDS = 12 * 60 * 60;

const signingKeys = new Map<string, Promise<CryptoKey>>();

/** The ES256 signing key of a VAPID pair, imported once per isolate. */
function signingKey(vapid: Vapid): Promise<CryptoKey> {
  let key = signingKeys.get(vapid.privateKey);
  if (!key) {
    const point = base64UrlBytes(vapid.publicKey)!;
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      x: toBase64Url(point.slice(1, 33)),
      y: toBase64Url(point.slice(33, 65)),
      d: vapid.privateKey,
    };
    key = importJWK(jwk, 'ES256') as Promise<CryptoKey>;
    signingKeys.set(vapid.privateKey, key);
  }
  return key;
}

/**
 * The `Authorization` header of a push to `endpoint` (RFC 8292 §3): a JWT whose audience is the
 * push service's origin, signed with the VAPID private key, and the public key beside it.
 */
export async function vapidAuthorization(endpoint: string, vapid: Vapid): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ sub: vapid.subject })
    .setProtectedHeader({ typ: 'JWT', alg: 'ES256' })
    .setAudience(new URL(endpoint).origin)
    .setExpirationTime(now + TOKEN_SECONDS)
    .sign(await signingKey(vapid));
  return `vapid t=${token}, k=${vapid.publicKey}`;
}
