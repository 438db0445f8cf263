import { importJWK, jwtVerify } from 'jose';

const fromBase64Url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

/** RFC 8292 §2: a VAPID token may be valid for at most 24 hours. */
const MAX_LIFETIME_S = 24 * 60 * 60;

/**
 * Checks a push's `Authorization: vapid t=<JWT>, k=<public key>` as a push service does: the
 * JWT is ES256-signed by `k`, its audience is this service's origin, it has not expired and does
 * not outlive 24 hours, its subject is a contact; `k` is the key the subscription was made with.
 * Answers the problem, or undefined when it holds.
 */
export async function vapidProblem(
  header: string | undefined,
  origin: string,
  expectedKey: string,
): Promise<string | undefined> {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) return 'no vapid Authorization header';
  const [, token, key] = match as unknown as [string, string, string];
  if (key !== expectedKey) return 'k is not the key this subscription was made for';
  const point = fromBase64Url(key);
  if (point.length !== 65 || point[0] !== 4) return 'k is not an uncompressed P-256 point';
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: Buffer.from(point.slice(1, 33)).toString('base64url'),
    y: Buffer.from(point.slice(33)).toString('base64url'),
  };
  try {
    const { payload, protectedHeader } = await jwtVerify(token, await importJWK(jwk, 'ES256'), {
      audience: origin,
      algorithms: ['ES256'],
    });
    if (protectedHeader.typ !== 'JWT') return 'the token is not typ JWT';
    if (typeof payload.exp !== 'number') return 'the token has no exp';
    if (payload.exp - Date.now() / 1000 > MAX_LIFETIME_S) return 'exp is more than 24 h away';
    if (!/^(mailto:|https:)/.test(String(payload.sub))) return 'sub is not a contact URL';
    return undefined;
  } catch (error) {
    return `the token does not verify: ${(error as Error).message}`;
  }
}
