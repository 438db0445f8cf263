import { apiPaths, type Task } from '@tasks/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../api-error.ts';
import { createRouter } from '../../router.ts';
import { applyBulkAction, clearCompletedTasks } from './bulk-queries.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { acceptedVersions, etagOf, noneMatchHits } from './etag.ts';
import { createTaskOnce } from './idempotent-create.ts';
import { listTasks } from './list-tasks.ts';
import {
  createTask,
  deleteTask,
  getTask,
  updateTask,
  type TaskChanges,
  type WriteOutcome,
} from './queries.ts';
import { hashRequest } from './request-hash.ts';
import * as route from './routes.ts';
import { snapshotToTask, toTask } from './task-json.ts';

// One problem for a missing task, another user's task and a malformed id: nothing tells them apart.
const taskNotFound = () => ApiError.notFound('No task with that id.');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The path's task id, lower-cased; a malformed one is the same 404 as a missing task. */
function taskId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id)) throw taskNotFound();
  return id.toLowerCase();
}

function sendTask<S extends 200 | 201>(c: Context<AppEnv>, task: Task, status: S) {
  c.header('ETag', etagOf(task.version));
  return c.json(task, status);
}

/** Turns a conditional write's outcome into the task response, a 404 or a 412. */
function written<T>(outcome: WriteOutcome<T>): T {
  if (outcome.status === 'ok') return outcome.value;
  throw outcome.status === 'stale' ? ApiError.preconditionFailed() : taskNotFound();
}

async function applyChanges(c: Context<AppEnv>, changes: TaskChanges) {
  const target = {
    userId: c.var.userId,
    id: taskId(c),
    ifMatch: acceptedVersions(c.req.header('if-match')),
  };
  return sendTask(c, toTask(written(await updateTask(c.var.db, target, changes))), 200);
}

/** `/tasks…` routes; every handler makes exactly one database round trip (none for a bad id). */
export const taskRoutes = createRouter()
  .openapi(route.listTasksRoute, async (c) => {
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
  })
  .openapi(route.createTaskRoute, async (c) => {
    const input = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    let task: Task;
    if (key === undefined) {
      task = toTask(await createTask(c.var.db, c.var.userId, input));
    } else {
      const hash = await hashRequest(input);
      const outcome = await createTaskOnce(c.var.db, c.var.userId, key, hash, input);
      if (outcome.requestHash !== hash) {
        throw ApiError.unprocessable(
          'This Idempotency-Key was already used with a different body.',
          [{ path: 'idempotency-key', message: 'already used with a different body' }],
        );
      }
      task = snapshotToTask(outcome.snapshot);
      if (!outcome.created) c.header('Idempotent-Replayed', 'true');
    }
    c.header('Location', apiPaths.task(task.id));
    return sendTask(c, task, 201);
  })
  .openapi(route.getTaskRoute, async (c) => {
    const record = await getTask(c.var.db, c.var.userId, taskId(c));
    if (!record) throw taskNotFound();
    if (noneMatchHits(c.req.valid('header')['if-none-match'], record.version)) {
      c.header('ETag', etagOf(record.version));
      return c.body(null, 304);
    }
    return sendTask(c, toTask(record), 200);
  })
  .openapi(route.patchTaskRoute, (c) => applyChanges(c, c.req.valid('json')))
  .openapi(route.putTaskRoute, (c) => applyChanges(c, c.req.valid('json')))
  .openapi(route.toggleTaskRoute, (c) => {
    const { completed } = c.req.valid('json') as { completed?: boolean };
    return applyChanges(c, { completed: completed ?? 'toggle' });
  })
  .openapi(route.setCompletionRoute, (c) => applyChanges(c, c.req.valid('json')))
  .openapi(route.deleteTaskRoute, async (c) => {
    const target = {
      userId: c.var.userId,
      id: taskId(c),
      ifMatch: acceptedVersions(c.req.header('if-match')),
    };
    written(await deleteTask(c.var.db, target));
    return c.body(null, 204);
  })
  .openapi(route.bulkRoute, async (c) => {
    const { action, ids } = c.req.valid('json');
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    const hit = new Set(await applyBulkAction(c.var.db, c.var.userId, action, wanted));
    return c.json(
      {
        updated: wanted.filter((id) => hit.has(id)),
        not_found: wanted.filter((id) => !hit.has(id)),
      },
      200,
    );
  })
  .openapi(route.clearCompletedRoute, async (c) => {
    return c.json({ deleted: await clearCompletedTasks(c.var.db, c.var.userId) }, 200);
  });
