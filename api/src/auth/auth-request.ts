import type { Context } from 'hono';
import { ApiError } from '../api-error.ts';
import type { Auth } from './create-auth.ts';

/** Request headers Better Auth records on a session: who connected, with what. */
const FORWARDED_HEADERS = ['user-agent', 'cf-connecting-ip'];

/**
 * The headers to hand a Better Auth server-API call: only the ones it should see, so a stray
 * cookie or Authorization header never picks the session for it. Callers add the credential.
 */
export function authHeaders(request: Request): Headers {
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
}

/** Copies the cookies Better Auth set (session started, refreshed or ended) onto our response. */
export function forwardCookies(c: Context, headers: Headers | null | undefined): void {
  // workerd has Headers#getSetCookie; the default @cloudflare/workers-types entry lacks its type.
  const cookies = (
    headers as (Headers & { getSetCookie(): string[] }) | null | undefined
  )?.getSetCookie();
  for (const cookie of cookies ?? []) c.header('Set-Cookie', cookie, { append: true });
}

/**
 * CSRF defence of the seed endpoints, with Better Auth's rule and its trusted origins (the CORS
 * allowlist): a request authenticated by the session cookie must name a trusted `Origin` (or
 * `Referer`), and a request naming any origin must name a trusted one. Scripts send neither.
 */
export async function assertTrustedOrigin(
  request: Request,
  auth: Auth,
  { cookieAuthenticated }: { cookieAuthenticated: boolean },
): Promise<void> {
  const origin = request.headers.get('origin') ?? request.headers.get('referer');
  if (!origin || origin === 'null') {
    if (cookieAuthenticated) throw ApiError.forbidden('A cookie request must send its Origin.');
    return;
  }
  const context = await auth.$context;
  if (!context.isTrustedOrigin(origin))
    throw ApiError.forbidden('The request origin is not trusted.');
}

/** The session cookie header, if the browser sent one of ours. */
export async function sessionCookie(request: Request, auth: Auth): Promise<string | undefined> {
  const cookie = request.headers.get('cookie');
  if (!cookie) return undefined;
  const { authCookies } = await auth.$context;
  return cookie.includes(`${authCookies.sessionToken.name}=`) ? cookie : undefined;
}
