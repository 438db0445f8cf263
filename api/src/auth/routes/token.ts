import { createRoute } from '@hono/zod-openapi';
import { AccessTokenSchema, TokenRequestSchema } from '@tasks/shared';
import { ApiError } from '../../api-error.ts';
import { createRouter } from '../../router.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from '../auth-config.ts';
import { callAuth } from '../auth-errors.ts';
import { ACCESS_TOKEN_HEADER } from '../auth-hooks.ts';
import {
  assertTrustedOrigin,
  authHeaders,
  forwardCookies,
  sessionCookie,
} from '../auth-request.ts';
import { createAuth } from '../create-auth.ts';
import { authRateLimitRules, clientAddress, enforceRateLimits } from '../rate-limit.ts';
import { AUTH_PROBLEMS, json, problem } from './openapi.ts';

const tokenRoute = createRoute({
  method: 'post',
  path: '/token',
  tags: ['auth'],
  summary: 'Get a fresh access token',
  description:
    'Authenticated by `refresh_token` in the body, or else by the session cookie (browsers, from ' +
    'a trusted origin). Each refresh extends the session to 24 hours from now.',
  request: { body: { required: false, ...json(TokenRequestSchema) } },
  responses: {
    200: json(AccessTokenSchema, 'A new access token'),
    401: problem('No credential, or the session has ended or expired'),
    ...AUTH_PROBLEMS,
  },
});

/** `POST /auth/token`: Better Auth's session lookup (sliding expiry) plus the jwt plugin's token. */
export const tokenRoutes = createRouter().openapi(tokenRoute, async (c) => {
  const { refresh_token: refreshToken } = c.req.valid('json');
  const auth = createAuth(c.var.env, c.var.db);
  const headers = authHeaders(c.req.raw);
  const cookie = refreshToken ? undefined : await sessionCookie(c.req.raw, auth);
  if (refreshToken) headers.set('Authorization', `Bearer ${refreshToken}`);
  else if (cookie) headers.set('Cookie', cookie);
  else throw ApiError.unauthorized('Send a refresh_token or the session cookie.');
  if (cookie) await assertTrustedOrigin(c.req.raw, auth, { cookieAuthenticated: true });
  const rules = authRateLimitRules(c.var.env);
  await enforceRateLimits(c.var.db, [{ rule: rules.tokenByIp, subject: clientAddress(c.req.raw) }]);

  const result = await callAuth(auth.api.getSession({ headers, returnHeaders: true }));
  // Only a cookie client gets cookies back: refreshed expiry, or cleared once the session is gone.
  if (cookie) forwardCookies(c, result.headers);
  const accessToken = result.headers.get(ACCESS_TOKEN_HEADER);
  if (!result.response || !accessToken) {
    throw ApiError.unauthorized('The session has ended; log in again.');
  }
  c.header('Cache-Control', 'no-store');
  return c.json(
    {
      access_token: accessToken,
      token_type: 'bearer' as const,
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
    },
    200,
  );
});
