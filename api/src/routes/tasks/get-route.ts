import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { TaskSchema } from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { etagOf, noneMatchHits } from './etag.ts';
import { getTask } from './queries.ts';
import {
  common,
  etagHeader,
  json,
  missing,
  security,
  sendTask,
  tags,
  TaskIdParams,
  taskNotFound,
} from './route-parts.ts';
import { toTask } from './task-json.ts';

export const getTaskRoute = createRoute({
  method: 'get',
  path: '/tasks/{id}',
  tags,
  security,
  summary: 'One task, with its version as ETag',
  request: {
    params: TaskIdParams,
    headers: z.object({ 'if-none-match': z.string().max(1024).optional() }),
  },
  responses: {
    200: { ...json(TaskSchema, 'The task'), headers: etagHeader },
    304: { description: '`If-None-Match` names the current version', headers: etagHeader },
    401: common[401],
    404: missing,
  },
});

export const getTaskHandler: RouteHandler<typeof getTaskRoute, AppEnv> = async (c) => {
  const record = await getTask(c.var.db, c.var.userId, c.req.valid('param').id);
  if (!record) throw taskNotFound();
  if (noneMatchHits(c.req.valid('header')['if-none-match'], record.version)) {
    c.header('ETag', etagOf(record.version));
    return c.body(null, 304);
  }
  return sendTask(c, toTask(record), 200);
};
