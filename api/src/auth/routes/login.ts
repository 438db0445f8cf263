import { createRoute } from '@hono/zod-openapi';
import { LoginRequestSchema, LoginResponseSchema } from '@tasks/shared';
import { createRouter } from '../../router.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from '../auth-config.ts';
import { callAuth } from '../auth-errors.ts';
import { ACCESS_TOKEN_HEADER } from '../auth-hooks.ts';
import { assertTrustedOrigin, authHeaders, forwardCookies } from '../auth-request.ts';
import { createAuth } from '../create-auth.ts';
import { isBrowserRequest } from '../refresh-tokens.ts';
import { throttleSignIn } from '../sign-in-throttle.ts';
import { FORM_CONTENT_TYPE, loginForm, loginFormContent } from './login-form.ts';
import { AUTH_PROBLEMS, json, problem } from './openapi.ts';

const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Log in with email and password',
  description:
    'Returns a 15-minute access token (EdDSA JWT). A browser (a request with an `Origin` or ' +
    'cookies) receives the HttpOnly session cookie; any other client a single-use refresh token. ' +
    'Also accepts a form, with `email` or ' +
    "OAuth2's password-grant `username` (RFC 6749 §4.3).",
  middleware: [loginForm] as const,
  request: {
    body: {
      required: true,
      content: { ...json(LoginRequestSchema).content, [FORM_CONTENT_TYPE]: loginFormContent },
    },
  },
  responses: {
    200: json(LoginResponseSchema, 'Logged in'),
    401: problem('Unknown email or wrong password (one answer for both)'),
    ...AUTH_PROBLEMS,
  },
});

/** `POST /auth/login`: Better Auth's email sign-in, answered with an access and a refresh token. */
export const loginRoutes = createRouter().openapi(loginRoute, async (c) => {
  const { email, password } = c.req.valid('json');
  const auth = createAuth(c.var.env, c.var.db);
  await assertTrustedOrigin(c.req.raw, auth, { cookieAuthenticated: false });
  const throttle = await throttleSignIn(c.var.db, c.var.env, email, c.req.raw);
  const { headers, response } = await callAuth(
    auth.api.signInEmail({
      body: { email, password },
      headers: authHeaders(c.req.raw),
      returnHeaders: true,
    }),
  );
  const accessToken = headers.get(ACCESS_TOKEN_HEADER);
  if (!accessToken) throw new Error('sign-in created a session but signed no access token');
  await throttle.succeeded();
  // A browser's one credential is the HttpOnly cookie; other clients get a refresh token instead.
  const browser = isBrowserRequest(c.req.raw);
  if (browser) forwardCookies(c, headers);
  c.header('Cache-Control', 'no-store');
  return c.json(
    {
      access_token: accessToken,
      token_type: 'bearer' as const,
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      ...(browser ? {} : { refresh_token: response.token }),
    },
    200,
  );
});
