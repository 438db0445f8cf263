import type { AccessToken } from '@tasks/shared';
import { AccessTokenSchema, apiPaths } from 'virtual:contract';
import { ApiError, SessionEndedError } from './api-error';
import { send, type SendOptions } from './http';

/** Refresh this long before the access token expires, so no request ever carries a stale one. */
const REFRESH_MARGIN_MS = 60_000;

// The access token lives in this module's memory only: never in storage, never in a cookie.
let current: { token: string; expiresAt: number } | undefined;
let refreshing: Promise<string> | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let sessionEndedHandler: ((error: SessionEndedError) => void) | undefined;
// Set by a deliberate sign-out (here or in another tab) until the next token: a background
// request (a feed pull, a reminder fetch) that meets the ended session then is no "expired" visit.
let signedOut = false;

/** Keeps a freshly issued access token and schedules its silent refresh. */
export function acceptToken(token: AccessToken): void {
  signedOut = false;
  current = { token: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 };
  clearTimeout(refreshTimer);
  const due = Math.max(token.expires_in * 1000 - REFRESH_MARGIN_MS, 0);
  refreshTimer = setTimeout(() => void refreshToken().catch(() => undefined), due);
}

/** The signed-in user (the token's subject), once a token is held; undefined before. */
export function tokenUser(): string | undefined {
  const claims = current?.token.split('.')[1];
  if (!claims) return undefined;
  try {
    const json = atob(claims.replace(/-/g, '+').replace(/_/g, '/'));
    return (JSON.parse(json) as { sub?: string }).sub;
  } catch {
    return undefined;
  }
}

/** Forgets the access token: `signed-out` when the user ended the session on purpose. */
export function forgetToken(reason?: 'signed-out'): void {
  if (reason) signedOut = true;
  current = undefined;
  clearTimeout(refreshTimer);
}

/** Runs `handler` when the session is found to have ended (a 401 that a refresh cannot cure). */
export function onSessionEnded(handler: (error: SessionEndedError) => void): void {
  sessionEndedHandler = handler;
}

/** A valid access token: the one in memory, or a new one minted from the session cookie. */
export async function accessToken(): Promise<string> {
  if (current && current.expiresAt - Date.now() > REFRESH_MARGIN_MS) return current.token;
  return refreshToken();
}

/** Mints a new access token from the session cookie; concurrent callers share one request. */
export function refreshToken(): Promise<string> {
  refreshing ??= send(apiPaths.token, { method: 'POST', schema: AccessTokenSchema })
    .then(({ data }) => {
      acceptToken(data);
      return data.access_token;
    })
    .catch((error: unknown) => {
      throw error instanceof ApiError && error.status === 401 ? endSession() : error;
    })
    .finally(() => (refreshing = undefined));
  return refreshing;
}

function endSession(): SessionEndedError {
  const error = new SessionEndedError(true);
  forgetToken();
  if (!signedOut) sessionEndedHandler?.(error);
  return error;
}

/**
 * `send` with the access token. A 401 gets one more try with a freshly minted token (it may
 * have expired in flight); a second 401 means the session is over.
 */
export async function authorized<T = undefined>(path: string, options: SendOptions<T> = {}) {
  for (let attempt = 0; ; attempt++) {
    const token = await accessToken();
    const headers = { ...options.headers, authorization: `Bearer ${token}` };
    try {
      return await send(path, { ...options, headers });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      if (attempt > 0) throw endSession();
      forgetToken();
    }
  }
}
