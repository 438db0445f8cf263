import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE, ProblemSchema, TAG_COUNTS_MAX, TagCountSchema } from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { listTags } from './queries.ts';

export const listTagsRoute = createRoute({
  method: 'get',
  path: '/tags',
  tags: ['tasks'],
  security: [{ bearer: [] }],
  summary: `The caller’s ${TAG_COUNTS_MAX} most used tags with how many tasks carry each`,
  responses: {
    200: {
      description: 'Tags and counts, most used first, then by name',
      content: { 'application/json': { schema: z.array(TagCountSchema).max(TAG_COUNTS_MAX) } },
    },
    401: {
      description: 'Missing, expired or invalid bearer token',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
    },
  },
});

export const listTagsHandler: RouteHandler<typeof listTagsRoute, AppEnv> = async (c) =>
  c.json(await listTags(c.var.db, c.var.userId), 200);
