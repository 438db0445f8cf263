import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { apiPaths, TaskCreateSchema, TaskSchema, type Task } from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { pokeAudience } from '../../live/poke.ts';
import { ApiError } from '../../api-error.ts';
import { createTaskOnce } from './idempotent-create.ts';
import { createTask } from './create-task.ts';
import type { Denied } from './queries.ts';
import { hashRequest } from './request-hash.ts';
import {
  badAssignee,
  body,
  common,
  denied,
  etagHeader,
  listNotFound,
  readOnlyList,
  unknownZone,
  json,
  problem,
  security,
  sendTask,
  tags,
} from './route-parts.ts';
import { answerOf } from './finish-write.ts';
import { checkNewDue } from './new-task-due.ts';
import { snapshotToRecord } from './task-json.ts';

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

/** The problem of a create that did not happen. */
const refusedCreate = (status: Denied['status']) => {
  if (status === 'unknown_zone') return unknownZone();
  if (status === 'forbidden') return readOnlyList();
  return status === 'bad_assignee' ? badAssignee() : listNotFound();
};

export const createTaskHandler: RouteHandler<typeof createTaskRoute, AppEnv> = async (c) => {
  const input = c.req.valid('json');
  checkNewDue(input);
  const key = c.req.valid('header')['idempotency-key'];
  let task: Task;
  if (key === undefined) {
    const outcome = await createTask(c.var.db, c.var.userId, input);
    if (outcome.status !== 'ok') throw refusedCreate(outcome.status);
    pokeAudience(c, outcome.audience);
    task = answerOf(c, {
      record: snapshotToRecord(outcome.value),
      creatorZone: outcome.creatorZone,
    });
  } else {
    const hash = await hashRequest(input);
    const keyed = await createTaskOnce(c.var.db, c.var.userId, key, hash, input);
    if (keyed.status !== 'ok') throw refusedCreate(keyed.status);
    const outcome = keyed.value;
    if (outcome.requestHash !== hash) {
      throw ApiError.unprocessable('This Idempotency-Key was already used with a different body.', [
        { path: 'idempotency-key', message: 'already used with a different body' },
      ]);
    }
    task = answerOf(c, {
      record: snapshotToRecord(outcome.snapshot),
      creatorZone: outcome.creatorZone,
    });
    if (outcome.created) pokeAudience(c, outcome.audience);
    else c.header('Idempotent-Replayed', 'true');
  }
  c.header('Location', apiPaths.task(task.id));
  return sendTask(c, task, 201);
};
