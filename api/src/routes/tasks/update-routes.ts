import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { CompletionSchema, TaskSchema, TaskUpdateSchema } from '@tasks/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { acceptedVersions } from './etag.ts';
import { updateTask, type TaskChanges } from './queries.ts';
import {
  body,
  common,
  denied,
  etagHeader,
  IfMatchHeaders,
  json,
  missing,
  security,
  sendTask,
  stale,
  tags,
  TaskIdParams,
  written,
} from './route-parts.ts';
import { finishWrite } from './finish-write.ts';

// PATCH and PUT /tasks/{id}, and PUT and POST /tasks/{id}/complete: one conditional UPDATE each.

const updateRoute = (method: 'patch' | 'put') =>
  createRoute({
    method,
    path: '/tasks/{id}',
    tags,
    security,
    summary: `Update a task (${method === 'put' ? 'the seed’s update: ' : ''}every field optional)`,
    request: { params: TaskIdParams, headers: IfMatchHeaders, body: body(TaskUpdateSchema) },
    responses: {
      200: { ...json(TaskSchema, 'The updated task'), headers: etagHeader },
      ...common,
      403: denied,
      404: missing,
      412: stale,
    },
  });
export const patchTaskRoute = updateRoute('patch');
export const putTaskRoute = updateRoute('put');

const completionRoute = (method: 'put' | 'post') =>
  createRoute({
    method,
    path: '/tasks/{id}/complete',
    tags,
    security,
    summary:
      method === 'put'
        ? 'Toggle completion (no body) or set it (`{"completed": …}`)'
        : 'Set completion explicitly (idempotent)',
    request: {
      params: TaskIdParams,
      headers: IfMatchHeaders,
      body: body(CompletionSchema, method === 'post'),
    },
    responses: {
      200: { ...json(TaskSchema, 'The task after the change'), headers: etagHeader },
      ...common,
      403: denied,
      404: missing,
      412: stale,
    },
  });
export const toggleTaskRoute = completionRoute('put');
export const setCompletionRoute = completionRoute('post');

/** The field a PATCH that leaves a time or a repetition without a day is blamed on. */
const dueField = (changes: TaskChanges) =>
  changes.due_date === null ? 'due_date' : changes.recurrence ? 'recurrence' : 'due_time';

/** Applies `changes` to the task at the path, if `If-Match` (absent: any version) allows it. */
export async function applyChanges(
  c: Context<AppEnv>,
  id: string,
  ifMatch: string | undefined,
  changes: TaskChanges,
) {
  const target = { userId: c.var.userId, id, ifMatch: acceptedVersions(ifMatch) };
  const outcome = written(await updateTask(c.var.db, target, changes), c, dueField(changes));
  return sendTask(c, await finishWrite(c, outcome, changes), 200);
}

export const patchTaskHandler: RouteHandler<typeof patchTaskRoute, AppEnv> = (c) =>
  applyChanges(c, c.req.valid('param').id, c.req.valid('header')['if-match'], c.req.valid('json'));

export const putTaskHandler: RouteHandler<typeof putTaskRoute, AppEnv> = (c) =>
  applyChanges(c, c.req.valid('param').id, c.req.valid('header')['if-match'], c.req.valid('json'));

export const toggleTaskHandler: RouteHandler<typeof toggleTaskRoute, AppEnv> = (c) => {
  // The body is optional: without one it toggles; `{"completed": …}` sets.
  const sent = c.req.valid('json') as { completed?: boolean; occurrence?: number } | undefined;
  const changes = {
    completed: sent?.completed ?? ('toggle' as const),
    occurrence: sent?.occurrence,
  };
  return applyChanges(c, c.req.valid('param').id, c.req.valid('header')['if-match'], changes);
};

export const setCompletionHandler: RouteHandler<typeof setCompletionRoute, AppEnv> = (c) =>
  applyChanges(c, c.req.valid('param').id, c.req.valid('header')['if-match'], c.req.valid('json'));
