import { createRoute } from '@hono/zod-openapi';
import { ChangePasswordRequestSchema, SessionsEndedSchema } from '@tasks/shared';
import { ApiError } from '../../api-error.ts';
import { createRouter } from '../../router.ts';
import { createAuth } from '../create-auth.ts';
import { enforceRateLimits } from '../rate-limit.ts';
import { findPasswordHash, replacePasswordEndingOtherSessions } from '../session-queries.ts';
import { keyRingFor } from '../signing-keys.ts';
import { AUTH_PROBLEMS, json, problem } from './openapi.ts';

const WRONG_PASSWORD = 'The current password is not correct.';

const passwordRoute = createRoute({
  method: 'put',
  path: '/me/password',
  tags: ['auth'],
  summary: 'Change the password',
  description:
    'Needs the current password; the new one follows the sign-up policy. Every other session ' +
    'of the account ends (refresh tokens at once, access tokens within 60 seconds); this one stays.',
  security: [{ bearer: [] }],
  request: { body: { required: true, ...json(ChangePasswordRequestSchema) } },
  responses: {
    200: json(SessionsEndedSchema, 'Changed; how many other sessions ended'),
    401: problem('Missing, invalid or expired access token'),
    ...AUTH_PROBLEMS,
  },
});

/** `PUT /me/password`: verify, then store the new hash and end the other sessions in one statement. */
export const passwordRoutes = createRouter().openapi(passwordRoute, async (c) => {
  const { current_password: current, new_password: next } = c.req.valid('json');
  const { db, userId, sessionId } = c.var;
  // Guessing the current password takes a stolen session already, so a hard per-account limit
  // (as many tries as sign-in allows per email and address) cannot lock out anyone else.
  const { AUTH_RATE_LIMIT_PER_EMAIL: max, AUTH_RATE_LIMIT_WINDOW_SECONDS: windowSeconds } =
    c.var.env;
  const rule = { name: 'password:user', max, windowSeconds };
  await enforceRateLimits(db, [{ rule, subject: `user:${userId}` }]);
  const { password } = await createAuth(c.var.env, db).$context;
  const hash = await findPasswordHash(db, userId);
  if (!hash || !(await password.verify({ hash, password: current }))) {
    throw ApiError.badRequest(WRONG_PASSWORD, [
      { path: 'current_password', message: WRONG_PASSWORD },
    ]);
  }
  const result = await replacePasswordEndingOtherSessions(db, {
    userId,
    keepSessionId: sessionId,
    passwordHash: await password.hash(next),
  });
  keyRingFor(c.var.env).state.rememberEnded(result.endedSessionIds);
  return c.json({ sessions_ended: result.endedSessionIds.length }, 200);
});
