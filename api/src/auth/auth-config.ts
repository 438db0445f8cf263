import { API_PREFIX, apiPaths } from '@tasks/shared';

/** Where Better Auth and the seed auth endpoints live. */
export const AUTH_BASE_PATH = `${API_PREFIX}/auth`;

/** Lifetime of an access token (JWT). */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** A session ends after this long without use; every use (token refresh) restarts the clock. */
export const SESSION_IDLE_TIMEOUT_SECONDS = 24 * 60 * 60;

/** A session ends this long after sign-in however often it is used; then a new sign-in is needed. */
export const SESSION_ABSOLUTE_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

/** Leeway for `exp`, `nbf` and `iat` between the signer's clock and ours. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Routes answered without an access token: everything else under `/api/v1` requires one, so a
 * new route is protected unless it is added here on purpose. `/*` marks a prefix.
 */
export const PUBLIC_API_PATHS = [
  apiPaths.health,
  apiPaths.openapi,
  apiPaths.docs,
  // A WebSocket cannot send a bearer token: its single-use ticket is the credential.
  apiPaths.live,
  `${AUTH_BASE_PATH}/*`,
] as const;
