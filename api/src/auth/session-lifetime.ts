import { ACCESS_TOKEN_TTL_SECONDS, SESSION_ABSOLUTE_LIFETIME_SECONDS } from './auth-config.ts';

/** When a session started at `createdAt` must end, however recently it was used. */
export function absoluteEnd(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SESSION_ABSOLUTE_LIFETIME_SECONDS * 1000);
}

/** True once a session started at `createdAt` has passed its absolute lifetime. */
export function pastAbsoluteLifetime(createdAt: Date, now = Date.now()): boolean {
  return absoluteEnd(createdAt).getTime() <= now;
}

/**
 * `iat` and `exp` of an access token minted now for a session started at `createdAt`: the
 * usual lifetime, cut short so that no token outlives its session's absolute end.
 */
export function accessTokenLifetime(createdAt: Date): { iat: number; exp: number } {
  const iat = Math.floor(Date.now() / 1000);
  const end = Math.floor(absoluteEnd(createdAt).getTime() / 1000);
  return { iat, exp: Math.min(iat + ACCESS_TOKEN_TTL_SECONDS, end) };
}
