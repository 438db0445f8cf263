import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { acceptedVersions } from './etag.ts';
import { deleteTask } from './queries.ts';
import {
  common,
  IfMatchHeaders,
  missing,
  security,
  stale,
  tags,
  TaskIdParams,
  written,
} from './route-parts.ts';

export const deleteTaskRoute = createRoute({
  method: 'delete',
  path: '/tasks/{id}',
  tags,
  security,
  summary: 'Delete a task',
  request: { params: TaskIdParams, headers: IfMatchHeaders },
  responses: { 204: { description: 'Deleted' }, 401: common[401], 404: missing, 412: stale },
});

export const deleteTaskHandler: RouteHandler<typeof deleteTaskRoute, AppEnv> = async (c) => {
  const ifMatch = acceptedVersions(c.req.valid('header')['if-match']);
  const target = { userId: c.var.userId, id: c.req.valid('param').id, ifMatch };
  written(await deleteTask(c.var.db, target), c);
  return c.body(null, 204);
};
