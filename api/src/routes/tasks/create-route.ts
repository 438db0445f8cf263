import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { apiPaths, TaskCreateSchema, TaskSchema, type Task } from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../api-error.ts';
import { createTaskOnce } from './idempotent-create.ts';
import { createTask } from './queries.ts';
import { hashRequest } from './request-hash.ts';
import {
  body,
  common,
  denied,
  etagHeader,
  listNotFound,
  readOnlyList,
  json,
  problem,
  security,
  sendTask,
  tags,
} from './route-parts.ts';
import { snapshotToTask } from './task-json.ts';

export const createTaskRoute = createRoute({
  method: 'post',
  path: '/tasks',
  tags,
  security,
  summary: 'Create a task (idempotent with `Idempotency-Key`)',
  request: {
    headers: z.object({
      'idempotency-key': z.string().min(1).max(255).optional().openapi({
        description: 'Retries with the same key and body within 24 h replay the first response',
      }),
    }),
    body: body(TaskCreateSchema),
  },
  responses: {
    201: {
      ...json(TaskSchema, 'The created task (or, for a repeated key, the first response)'),
      headers: {
        ...etagHeader,
        Location: { description: 'URL of the task', schema: { type: 'string' as const } },
      },
    },
    ...common,
    403: denied,
    404: problem('`list_id` names no list of yours'),
    422: problem('The `Idempotency-Key` was used with a different body'),
  },
});

export const createTaskHandler: RouteHandler<typeof createTaskRoute, AppEnv> = async (c) => {
  const input = c.req.valid('json');
  const key = c.req.valid('header')['idempotency-key'];
  let task: Task;
  if (key === undefined) {
    const outcome = await createTask(c.var.db, c.var.userId, input);
    if (outcome.status !== 'ok')
      throw outcome.status === 'forbidden' ? readOnlyList() : listNotFound();
    task = snapshotToTask(outcome.value);
  } else {
    const hash = await hashRequest(input);
    const keyed = await createTaskOnce(c.var.db, c.var.userId, key, hash, input);
    if (keyed.status !== 'ok') throw keyed.status === 'forbidden' ? readOnlyList() : listNotFound();
    const outcome = keyed.value;
    if (outcome.requestHash !== hash) {
      throw ApiError.unprocessable('This Idempotency-Key was already used with a different body.', [
        { path: 'idempotency-key', message: 'already used with a different body' },
      ]);
    }
    task = snapshotToTask(outcome.snapshot);
    if (!outcome.created) c.header('Idempotent-Replayed', 'true');
  }
  c.header('Location', apiPaths.task(task.id));
  return sendTask(c, task, 201);
};
