/**
 * True for a request a browser made: it names an `Origin` or carries cookies. Browsers get the
 * HttpOnly session cookie and never a token in a body or header; other clients get refresh
 * tokens and no cookie.
 */
export function isBrowserRequest(request: Request): boolean {
  return request.headers.has('origin') || request.headers.has('cookie');
}

/** A fresh refresh token: 32 random bytes, base64url (it becomes the session's token). */
export function newRefreshToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** How a rotated-away refresh token is remembered: its SHA-256, hex. */
export async function hashRefreshToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The one answer to every refresh token that does not work, so none reveals why. */
export const INVALID_REFRESH_TOKEN = 'The refresh token is invalid or its session has ended.';
