import { createRoute } from '@hono/zod-openapi';
import { TokenRequestSchema, TokenResponseSchema } from '@tasks/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../api-error.ts';
import { createRouter } from '../../router.ts';
import { ACCESS_TOKEN_HEADER } from '../auth-hooks.ts';
import { callAuth } from '../auth-errors.ts';
import {
  assertTrustedOrigin,
  authHeaders,
  forwardCookies,
  sessionCookie,
} from '../auth-request.ts';
import { createAuth, type Auth } from '../create-auth.ts';
import { authRateLimitRules, clientAddress, enforceRateLimits } from '../rate-limit.ts';
import {
  hashRefreshToken,
  INVALID_REFRESH_TOKEN,
  isBrowserRequest,
  newRefreshToken,
} from '../refresh-tokens.ts';
import { rotateRefreshToken } from '../session-queries.ts';
import { accessTokenLifetime, pastAbsoluteLifetime } from '../session-lifetime.ts';
import { keyRingFor } from '../signing-keys.ts';
import { AUTH_PROBLEMS, json, problem } from './openapi.ts';

const tokenRoute = createRoute({
  method: 'post',
  path: '/token',
  tags: ['auth'],
  summary: 'Get a fresh access token',
  description:
    'Authenticated by `refresh_token` in the body (clients that are not browsers), or else by ' +
    'the session cookie (browsers, from a trusted origin). A refresh token works once: the ' +
    'answer carries its successor, and presenting a used one again ends the session. Each ' +
    'refresh extends the session to 24 hours from now, never past 30 days from sign-in.',
  request: { body: { required: false, ...json(TokenRequestSchema) } },
  responses: {
    200: json(TokenResponseSchema, 'A new access token (and, for a refresh token, its successor)'),
    401: problem('No credential, or the token or session is not valid any more (one answer)'),
    ...AUTH_PROBLEMS,
  },
});

/** `POST /auth/token`: refresh-token rotation, or Better Auth's cookie session lookup. */
export const tokenRoutes = createRouter().openapi(tokenRoute, async (c) => {
  const { refresh_token: refreshToken } = c.req.valid('json');
  const auth = createAuth(c.var.env, c.var.db);
  const cookie = refreshToken ? undefined : await sessionCookie(c.req.raw, auth);
  if (!refreshToken && !cookie) {
    throw ApiError.unauthorized('Send a refresh_token or the session cookie.');
  }
  if (refreshToken && isBrowserRequest(c.req.raw)) {
    // A browser has no refresh token to send, and must never be handed its successor.
    throw ApiError.badRequest('Browsers refresh with the session cookie.', [
      { path: 'refresh_token', message: 'not accepted from a browser' },
    ]);
  }
  if (cookie) await assertTrustedOrigin(c.req.raw, auth, { cookieAuthenticated: true });
  const rules = authRateLimitRules(c.var.env);
  await enforceRateLimits(c.var.db, [{ rule: rules.tokenByIp, subject: clientAddress(c.req.raw) }]);
  c.header('Cache-Control', 'no-store');
  if (refreshToken) return c.json(await rotate(c, auth, refreshToken), 200);
  return c.json(await refreshCookieSession(c, auth, cookie!), 200);
});

/** The refresh-token path: one statement rotates the token (or detects its reuse). */
async function rotate(c: Context<AppEnv>, auth: Auth, token: string) {
  const nextToken = newRefreshToken();
  const rotation = await rotateRefreshToken(c.var.db, {
    token,
    tokenHash: await hashRefreshToken(token),
    nextToken,
    now: new Date(),
  });
  if (rotation.outcome === 'reused')
    keyRingFor(c.var.env).state.rememberEnded([rotation.sessionId]);
  if (rotation.outcome !== 'rotated') throw ApiError.unauthorized(INVALID_REFRESH_TOKEN);
  const { iat, exp } = accessTokenLifetime(rotation.createdAt);
  const payload = { sub: rotation.userId, sid: rotation.sessionId, iat, exp };
  const { token: accessToken } = await callAuth(auth.api.signJWT({ body: { payload } }));
  return {
    access_token: accessToken,
    token_type: 'bearer' as const,
    expires_in: exp - iat,
    refresh_token: nextToken,
  };
}

/** The cookie path: Better Auth's session lookup slides the expiry and signs the access token. */
async function refreshCookieSession(c: Context<AppEnv>, auth: Auth, cookie: string) {
  const headers = authHeaders(c.req.raw);
  headers.set('Cookie', cookie);
  const result = await callAuth(auth.api.getSession({ headers, returnHeaders: true }));
  const accessToken = result.headers.get(ACCESS_TOKEN_HEADER);
  const session = result.response?.session;
  if (session && pastAbsoluteLifetime(session.createdAt)) {
    // Past its absolute lifetime: end it for good and clear the cookie; a new sign-in is needed.
    const signOut = await callAuth(auth.api.signOut({ headers, returnHeaders: true }));
    keyRingFor(c.var.env).state.rememberEnded([session.id]);
    forwardCookies(c, signOut.headers);
    throw ApiError.unauthorized(INVALID_REFRESH_TOKEN);
  }
  // Cookies back: refreshed expiry, or cleared once the session is gone.
  forwardCookies(c, result.headers);
  if (!session || !accessToken) throw ApiError.unauthorized(INVALID_REFRESH_TOKEN);
  const { iat, exp } = accessTokenLifetime(session.createdAt);
  return { access_token: accessToken, token_type: 'bearer' as const, expires_in: exp - iat };
}
