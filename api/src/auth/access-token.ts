import { decodeProtectedHeader, errors, jwtVerify, type ProtectedHeaderParameters } from 'jose';
import type { Database } from '../db/client.ts';
import type { Env } from '../env.ts';
import { ApiError } from '../api-error.ts';
import { ACCESS_TOKEN_TTL_SECONDS, CLOCK_TOLERANCE_SECONDS } from './auth-config.ts';
import type { Background } from './auth-state.ts';
import { ACCESS_TOKEN_ALG, keyRingFor } from './signing-keys.ts';
import { VerifiedTokens } from './verified-tokens.ts';

/** Who an access token speaks for: the user and the session it was minted from. */
export type AccessTokenClaims = { userId: string; sessionId: string };

/** Three base64url segments; our tokens are about 300 bytes, so anything huge is not ours. */
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const MAX_TOKEN_LENGTH = 2048;
/**
 * Key, user and session ids are UUIDs (migration 0003); a `kid` of any other shape is an
 * injection attempt, and a `sub` or `sid` of another shape would fail in the uuid columns.
 */
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
/**
 * Header parameters we sign with. Anything else is refused before key lookup: `jku`, `x5u`,
 * `jwk` and `x5c` would point verification at an attacker's key, `crit`/`b64` change parsing.
 */
const ALLOWED_HEADER_PARAMETERS = new Set(['alg', 'kid', 'typ']);

/** The `Authorization: Bearer <token>` credential, or a 401 when it is missing or malformed. */
export function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  if (!match?.[1]) throw ApiError.unauthorized('Send an access token as `Authorization: Bearer`.');
  return match[1];
}

/**
 * Verifies an access token against the Ed25519 keys held in isolate memory and returns its
 * claims. Every failure is the same kind of 401, so a caller learns nothing about which check
 * failed except that an expired token has expired.
 */
export async function verifyAccessToken(
  token: string,
  env: Env,
  db: Database,
  background?: Background,
): Promise<AccessTokenClaims> {
  const header = trustedHeader(token);
  const ring = keyRingFor(env);
  const snapshot = await ring.snapshot(db, background);
  const key = await ring.verificationKey(db, snapshot, header.kid);
  if (!key) throw invalidToken();
  const claims = await verifiedClaims(token, key, env);
  // A session that ended (sign-out, revocation, password change, reuse) takes its tokens along.
  if (ring.state.isEnded(snapshot, claims.sessionId)) {
    throw ApiError.unauthorized('The session has ended; log in again.');
  }
  return claims;
}

/**
 * Tokens already verified in this isolate, per issuer and audience (the token string is the
 * rest of the key): a warm request's token skips the signature check (verified-tokens.ts).
 */
const verified = new VerifiedTokens<AccessTokenClaims>();

async function verifiedClaims(token: string, key: CryptoKey, env: Env) {
  const cacheKey = `${env.JWT_ISSUER} ${env.JWT_AUDIENCE} ${token}`;
  const known = verified.get(cacheKey, key);
  if (known) return known;
  const { claims, untilMs } = await checkedClaims(token, key, env);
  verified.remember(cacheKey, key, claims, untilMs);
  return claims;
}

async function checkedClaims(token: string, key: CryptoKey, env: Env) {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ACCESS_TOKEN_ALG],
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: ACCESS_TOKEN_TTL_SECONDS,
      requiredClaims: ['exp', 'sub', 'sid'],
    });
    const { sub, sid, exp = 0, iat = 0 } = payload;
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid))
      throw invalidToken();
    // Remembered no longer than jose would accept it without its leeway.
    const untilMs = Math.min(exp, iat + ACCESS_TOKEN_TTL_SECONDS) * 1000;
    return { claims: { userId: sub, sessionId: sid }, untilMs };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof errors.JWTExpired)
      throw ApiError.unauthorized('The access token expired.');
    throw invalidToken();
  }
}

/** Decodes and vets the protected header without trusting it for anything but the key id. */
function trustedHeader(token: string): ProtectedHeaderParameters & { kid: string } {
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw invalidToken();
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw invalidToken();
  }
  const { alg, kid, typ } = header;
  const unexpected = Object.keys(header).some((name) => !ALLOWED_HEADER_PARAMETERS.has(name));
  if (unexpected || alg !== ACCESS_TOKEN_ALG || (typ !== undefined && typ !== 'JWT')) {
    throw invalidToken();
  }
  if (typeof kid !== 'string' || !UUID.test(kid)) throw invalidToken();
  return { ...header, kid };
}

function invalidToken(): ApiError {
  return ApiError.unauthorized('The access token is invalid.');
}
