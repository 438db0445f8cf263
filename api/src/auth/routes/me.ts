import { createRoute } from '@hono/zod-openapi';
import { MeSchema } from '@tasks/shared';
import { ApiError } from '../../api-error.ts';
import { createRouter } from '../../router.ts';
import { findUserProfile } from '../queries.ts';
import { json, problem } from './openapi.ts';

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The account behind the access token',
  security: [{ bearer: [] }],
  responses: {
    200: json(MeSchema, 'The signed-in user'),
    401: problem('Missing, invalid or expired access token'),
  },
});

/**
 * `GET /me`. The access token carries only the user and session ids (it stays small and never
 * goes stale), so the profile is one read.
 */
export const meRoutes = createRouter().openapi(meRoute, async (c) => {
  const user = await findUserProfile(c.var.db, c.var.userId);
  if (!user) throw ApiError.unauthorized('The account behind this token no longer exists.');
  c.header('Cache-Control', 'private, no-store');
  const { id, email, name, createdAt } = user;
  return c.json({ id, email, name, created_at: createdAt.toISOString() }, 200);
});
