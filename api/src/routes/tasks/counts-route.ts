import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { TaskCountsSchema } from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { countTasks } from './count-tasks.ts';
import { common, json, security, tags } from './route-parts.ts';

export const countTasksRoute = createRoute({
  method: 'get',
  path: '/tasks/counts',
  tags,
  security,
  summary: 'How many tasks are pending and completed, and the most used tags',
  responses: { 200: json(TaskCountsSchema, 'The caller’s counts'), 401: common[401] },
});

export const countTasksHandler: RouteHandler<typeof countTasksRoute, AppEnv> = async (c) =>
  c.json(await countTasks(c.var.db, c.var.userId), 200);
