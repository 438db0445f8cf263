import { redirect, type Handle } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { forwardToApi } from '$lib/server/forward-api';
import { securityHeaders, withHeaders } from '$lib/server/security-headers';
import { hasSessionCookie } from '$lib/server/session-cookie';
import { readTheme, THEME_COOKIE } from '$lib/theme';
import { loginHref } from '$lib/return-to';

/** Everything under /api belongs to the API worker (as the vite proxy does in development). */
const API_PATH = /^\/api(\/|$)/;
const PAGE_HEADERS = securityHeaders(!dev);
/** Pages anyone may see; every other page needs a session. */
const PUBLIC_PAGES = new Set(['/login', '/signup', '/status']);

export const handle: Handle = async ({ event, resolve }) => {
  const { pathname, search } = event.url;
  if (API_PATH.test(pathname)) return forwardToApi(event);
  if (!PUBLIC_PAGES.has(pathname) && !hasSessionCookie(event.cookies)) {
    redirect(303, loginHref(pathname + search));
  }
  const theme = readTheme(event.cookies.get(THEME_COOKIE));
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('data-theme="system"', `data-theme="${theme}"`),
  });
  return withHeaders(response, PAGE_HEADERS);
};
