import { createRoute, z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE, ProblemSchema, TagCountSchema } from '@tasks/shared';
import { createRouter } from '../../router.ts';
import { countTags } from './queries.ts';

const listTagsRoute = createRoute({
  method: 'get',
  path: '/tags',
  tags: ['tasks'],
  security: [{ bearer: [] }],
  summary: 'The caller’s tags with how many tasks carry each, most used first',
  responses: {
    200: {
      description: 'Tags and counts',
      content: { 'application/json': { schema: z.array(TagCountSchema) } },
    },
    401: {
      description: 'Missing, expired or invalid bearer token',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
    },
  },
});

/** `GET /tags`: one aggregate over the caller's tasks, one round trip. */
export const tagRoutes = createRouter().openapi(listTagsRoute, async (c) =>
  c.json(await countTags(c.var.db, c.var.userId), 200),
);
