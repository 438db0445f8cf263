import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { TaskSchema } from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { pokeAudience } from '../../live/poke.ts';
import { restoreTasks } from './restore-tasks.ts';
import {
  common,
  denied,
  etagHeader,
  json,
  missing,
  readOnlyList,
  security,
  sendTask,
  tags,
  TaskIdParams,
  taskNotFound,
} from './route-parts.ts';
import { snapshotToRecord, toTask } from './task-json.ts';

// POST /tasks/{id}/restore: the undo of a delete (decision 0034). No body and no If-Match: the
// archive holds one state of the task, and a restore of a live task changes nothing.

export const restoreTaskRoute = createRoute({
  method: 'post',
  path: '/tasks/{id}/restore',
  tags,
  security,
  summary: 'Undo a delete: the deleted task back, whole, with the same id (within 30 days)',
  request: { params: TaskIdParams },
  responses: {
    200: {
      ...json(TaskSchema, 'The task as it was deleted, one version on; a live task as it is'),
      headers: etagHeader,
    },
    401: common[401],
    403: denied,
    404: missing,
  },
});

export const restoreTaskHandler: RouteHandler<typeof restoreTaskRoute, AppEnv> = async (c) => {
  const outcome = await restoreTasks(c.var.db, c.var.userId, [c.req.valid('param').id]);
  if (outcome.status === 'forbidden') throw readOnlyList();
  // Restored now, or live already (a repeated restore): either way the task is back.
  const snapshot = outcome.restored[0] ?? outcome.live[0];
  if (!snapshot) throw taskNotFound();
  if (outcome.restored.length > 0) pokeAudience(c, outcome.audience);
  return sendTask(c, toTask(snapshotToRecord(snapshot)), 200);
};
