import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { TaskListQuerySchema, TaskSchema } from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { listTasks } from './list-tasks.ts';
import { common, json, security, tags } from './route-parts.ts';
import { toTask } from './task-json.ts';

export const listTasksRoute = createRoute({
  method: 'get',
  path: '/tasks',
  tags,
  security,
  summary: 'List the caller’s tasks: filters, sort, keyset pagination',
  request: { query: TaskListQuerySchema },
  responses: {
    200: {
      ...json(z.array(TaskSchema), 'One page of tasks'),
      headers: {
        Link: {
          description: 'The next page: `<url>; rel="next"`; absent on the last page',
          schema: { type: 'string' as const },
        },
      },
    },
    ...common,
  },
});

export const listTasksHandler: RouteHandler<typeof listTasksRoute, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort, query.order) : undefined;
  const page = await listTasks(c.var.db, c.var.userId, query, cursor);
  if (page.next) {
    // Relative, so it stays right behind the web's /api forwarding.
    const url = new URL(c.req.url);
    url.searchParams.set('cursor', encodeCursor(page.next));
    c.header('Link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return c.json(page.records.map(toTask), 200);
};
