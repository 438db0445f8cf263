import { createRoute } from '@hono/zod-openapi';
import { LogoutResponseSchema, TokenRequestSchema } from '@tasks/shared';
import { ApiError } from '../../api-error.ts';
import { createRouter } from '../../router.ts';
import { bearerToken, verifyAccessToken } from '../access-token.ts';
import { callAuth } from '../auth-errors.ts';
import {
  assertTrustedOrigin,
  authHeaders,
  forwardCookies,
  sessionCookie,
} from '../auth-request.ts';
import { createAuth } from '../create-auth.ts';
import { hashRefreshToken } from '../refresh-tokens.ts';
import { endSession, endSessionByRefreshToken } from '../session-queries.ts';
import { keyRingFor } from '../signing-keys.ts';
import { AUTH_PROBLEMS, json, problem } from './openapi.ts';

const logoutRoute = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'End the session',
  description:
    'Ends the session named by `refresh_token` in the body, else by the session cookie (browsers, ' +
    'from a trusted origin; the cookie is cleared), else by the `Authorization: Bearer` access ' +
    'token. Its refresh token stops working at once, and its access tokens within 60 seconds.',
  request: { body: { required: false, ...json(TokenRequestSchema) } },
  responses: {
    200: json(LogoutResponseSchema, 'The session has ended'),
    401: problem('No credential, or the access token is invalid'),
    ...AUTH_PROBLEMS,
  },
});

/** `POST /auth/logout`: Better Auth's sign-out, or ending the session an access token names. */
export const logoutRoutes = createRouter().openapi(logoutRoute, async (c) => {
  const { refresh_token: refreshToken } = c.req.valid('json');
  const auth = createAuth(c.var.env, c.var.db);
  const cookie = refreshToken ? undefined : await sessionCookie(c.req.raw, auth);
  const authorization = c.req.header('Authorization');
  if (!refreshToken && !cookie) {
    if (!authorization) throw ApiError.unauthorized('Send a credential to log out with.');
    const claims = await verifyAccessToken(bearerToken(authorization), c.var.env, c.var.db);
    const ended = await endSession(c.var.db, claims.userId, claims.sessionId);
    keyRingFor(c.var.env).state.rememberEnded(ended);
    return c.json({ logged_out: true as const }, 200);
  }
  if (refreshToken) {
    const hash = await hashRefreshToken(refreshToken);
    const ended = await endSessionByRefreshToken(c.var.db, refreshToken, hash);
    keyRingFor(c.var.env).state.rememberEnded(ended);
    return c.json({ logged_out: true as const }, 200);
  }
  await assertTrustedOrigin(c.req.raw, auth, { cookieAuthenticated: true });
  const headers = authHeaders(c.req.raw);
  headers.set('Cookie', cookie!);
  const result = await callAuth(auth.api.signOut({ headers, returnHeaders: true }));
  forwardCookies(c, result.headers);
  return c.json({ logged_out: true as const }, 200);
});
