import { createRoute } from '@hono/zod-openapi';
import { SignupRequestSchema, SignupResponseSchema } from '@tasks/shared';
import { createRouter } from '../../router.ts';
import { ApiError } from '../../api-error.ts';
import { EMAIL_TAKEN } from '../auth-errors.ts';
import { assertTrustedOrigin } from '../auth-request.ts';
import { createAuth } from '../create-auth.ts';
import { createPasswordUser } from '../queries.ts';
import { authRateLimitRules, clientAddress, enforceRateLimits } from '../rate-limit.ts';
import { AUTH_PROBLEMS, json } from './openapi.ts';

const signupRoute = createRoute({
  method: 'post',
  path: '/signup',
  tags: ['auth'],
  summary: 'Create an account',
  description:
    'Password policy: 8–128 characters with a lower-case and an upper-case letter. The email is ' +
    'trimmed and compared case-insensitively. The user and the credential are written in one ' +
    'statement: a failed sign-up leaves nothing behind and can simply be retried.',
  request: { body: { required: true, ...json(SignupRequestSchema) } },
  responses: {
    201: json(SignupResponseSchema, 'The account exists; log in to get tokens'),
    ...AUTH_PROBLEMS,
  },
});

/** `POST /auth/signup`: Better Auth's email sign-up behind the seed's contract and rate limits. */
export const signupRoutes = createRouter().openapi(signupRoute, async (c) => {
  const { email, password, name } = c.req.valid('json');
  const auth = createAuth(c.var.env, c.var.db);
  await assertTrustedOrigin(c.req.raw, auth, { cookieAuthenticated: false });
  const rules = authRateLimitRules(c.var.env);
  await enforceRateLimits(c.var.db, [
    { rule: rules.signUpByIp, subject: clientAddress(c.req.raw) },
    { rule: rules.signUpByEmail, subject: email },
  ]);
  const context = await auth.$context;
  const user = await createPasswordUser(c.var.db, {
    email,
    name: name ?? '',
    passwordHash: await context.password.hash(password),
  });
  if (!user) throw ApiError.badRequest(EMAIL_TAKEN, [{ path: 'email', message: EMAIL_TAKEN }]);
  return c.json({ id: user.id, email: user.email, created_at: user.createdAt.toISOString() }, 201);
});
