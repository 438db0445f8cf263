import { createRoute } from '@hono/zod-openapi';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemSchema,
  SessionIdParamSchema,
  SessionListSchema,
  SessionsEndedSchema,
} from '@tasks/shared';
import { ApiError } from '../../api-error.ts';
import { endOtherSessions, endSession, listSessions } from '../../auth/session-queries.ts';
import { keyRingFor } from '../../auth/signing-keys.ts';
import { createRouter } from '../../router.ts';

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});
const unauthorized = problem('Missing, expired or invalid bearer token');

const listRoute = createRoute({
  method: 'get',
  path: '/sessions',
  tags: ['sessions'],
  security: [{ bearer: [] }],
  summary: 'The caller’s signed-in devices, most recently used first',
  description: 'Never shows a token. `current` marks the session of this access token.',
  responses: {
    200: {
      description: 'Live sessions',
      content: { 'application/json': { schema: SessionListSchema } },
    },
    401: unauthorized,
  },
});

const endOneRoute = createRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags: ['sessions'],
  security: [{ bearer: [] }],
  summary: 'Sign one device out',
  description: 'Its refresh token stops working at once, its access tokens within 60 seconds.',
  request: { params: SessionIdParamSchema },
  responses: {
    204: { description: 'The session has ended' },
    401: unauthorized,
    404: problem('No live session of the caller has this id'),
  },
});

const endOthersRoute = createRoute({
  method: 'delete',
  path: '/sessions',
  tags: ['sessions'],
  security: [{ bearer: [] }],
  summary: 'Sign out everywhere else',
  description: 'Ends every session of the caller except the one of this access token.',
  responses: {
    200: {
      description: 'How many sessions ended',
      content: { 'application/json': { schema: SessionsEndedSchema } },
    },
    401: unauthorized,
  },
});

/** `GET|DELETE /sessions`, `DELETE /sessions/{id}`: one round trip each. */
export const sessionRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const rows = await listSessions(c.var.db, c.var.userId, new Date());
    c.header('Cache-Control', 'private, no-store');
    const sessions = rows.map((row) => ({
      id: row.id,
      device: row.userAgent || null,
      created_at: row.createdAt.toISOString(),
      last_used_at: row.updatedAt.toISOString(),
      current: row.id === c.var.sessionId,
    }));
    return c.json({ sessions }, 200);
  })
  .openapi(endOneRoute, async (c) => {
    const ended = await endSession(c.var.db, c.var.userId, c.req.valid('param').id);
    if (ended.length === 0) throw ApiError.notFound('No session of yours has this id.');
    keyRingFor(c.var.env).state.rememberEnded(ended);
    return c.body(null, 204);
  })
  .openapi(endOthersRoute, async (c) => {
    const ended = await endOtherSessions(c.var.db, c.var.userId, c.var.sessionId);
    keyRingFor(c.var.env).state.rememberEnded(ended);
    return c.json({ sessions_ended: ended.length }, 200);
  });
