import { createRoute } from '@hono/zod-openapi';
import { HealthSchema, ProblemSchema, PROBLEM_CONTENT_TYPE } from '@tasks/shared';
import { classifyDbError } from '../../db/db-errors.ts';
import { ApiError } from '../../api-error.ts';
import { createRouter } from '../../router.ts';
import { pingDatabase } from './queries.ts';

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: 'Liveness and database reachability',
  responses: {
    200: {
      description: 'The worker and its database answer',
      content: { 'application/json': { schema: HealthSchema } },
    },
    503: problem('The database is unreachable; retry after `Retry-After` seconds'),
    504: problem('The database did not answer in time'),
  },
});

/** `GET /health`: 200 only after a real `select 1`, so a load balancer sees database outages. */
export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  try {
    await pingDatabase(c.var.db);
  } catch (err) {
    throw classifyDbError(err) ?? ApiError.serviceUnavailable(5, 'The database is failing.', err);
  }
  c.header('Cache-Control', 'no-store');
  return c.json({ status: 'ok', database: 'ok' } as const, 200);
});
