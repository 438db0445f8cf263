/**
 * Better Auth's session cookie (with the `__Secure-` prefix on https). Its presence is only a
 * hint that someone is signed in: the API decides, and a stale cookie ends in a 401 and /login.
 */
const SESSION_COOKIES = ['better-auth.session_token', '__Secure-better-auth.session_token'];

/** Whether the request carries a session cookie at all. */
export function hasSessionCookie(cookies: { get(name: string): string | undefined }): boolean {
  return SESSION_COOKIES.some((name) => Boolean(cookies.get(name)));
}
