import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { TaskHistorySchema, TaskSchema, type TaskHistoryItem } from '@tasks/shared';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../api-error.ts';
import type { Database } from '../../db/client.ts';
import { isMember } from '../lists/membership.ts';
import { acceptedVersions } from './etag.ts';
import { finishWrite } from './finish-write.ts';
import { updateTask } from './queries.ts';
import {
  body,
  common,
  denied,
  etagHeader,
  IfMatchHeaders,
  json,
  missing,
  problem,
  security,
  sendTask,
  stale,
  tags,
  TaskIdParams,
  taskNotFound,
  written,
} from './route-parts.ts';

// GET /tasks/{id}/history and POST /tasks/{id}/skip: one statement each.

export const historyRoute = createRoute({
  method: 'get',
  path: '/tasks/{id}/history',
  tags,
  security,
  summary: 'The done and skipped occurrences of a recurring task, newest first',
  request: { params: TaskIdParams },
  responses: {
    200: json(TaskHistorySchema, 'The history (empty for a task that never repeated)'),
    401: common[401],
    404: missing,
  },
});

/** The task's history if the caller may read the task; undefined when they may not (or none). */
async function readHistory(db: Database, userId: string, id: string) {
  const result = await db.execute<{ items: TaskHistoryItem[] }>(sql`
    select coalesce(jsonb_agg(jsonb_build_object('occurrence', h.occurrence,
        'due_date', h.due_date, 'due_time', h.due_time, 'completed_at', h.completed_at,
        'completed_by', h.completed_by, 'skipped', h.skipped) order by h.occurrence desc)
      filter (where h.task_id is not null), '[]') as items
    from tasks t left join task_history h on h.task_id = t.id
    where t.id = ${id} and ${isMember(userId, sql`t.list_id`)}
    group by t.id`);
  return result.rows[0]?.items;
}

export const historyHandler: RouteHandler<typeof historyRoute, AppEnv> = async (c) => {
  const items = await readHistory(c.var.db, c.var.userId, c.req.valid('param').id);
  if (!items) throw taskNotFound();
  // jsonb writes `+00:00`; the API writes `Z` with milliseconds.
  const history = items.map((item) => ({
    ...item,
    completed_at: new Date(item.completed_at).toISOString(),
  }));
  return c.json(history, 200);
};

const SkipSchema = z
  .strictObject({
    /** The occurrence being skipped: a retry naming one already passed changes nothing. */
    occurrence: z.number().int().positive().optional(),
  })
  .meta({ id: 'Skip' });

export const skipRoute = createRoute({
  method: 'post',
  path: '/tasks/{id}/skip',
  tags,
  security,
  summary: 'Skip the current occurrence of a recurring task (kept in its history as skipped)',
  request: { params: TaskIdParams, headers: IfMatchHeaders, body: body(SkipSchema, false) },
  responses: {
    200: { ...json(TaskSchema, 'The task on its next occurrence'), headers: etagHeader },
    ...common,
    403: denied,
    404: missing,
    409: problem('The task does not repeat'),
    412: stale,
  },
});

export const skipHandler: RouteHandler<typeof skipRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const occurrence = (c.req.valid('json') as { occurrence?: number } | undefined)?.occurrence;
  const changes = { completed: true, skip: true, occurrence };
  const ifMatch = acceptedVersions(c.req.valid('header')['if-match']);
  const outcome = written(
    await updateTask(c.var.db, { userId: c.var.userId, id, ifMatch }, changes),
    c,
  );
  if (!outcome.before.rrule) throw ApiError.conflict('Only a recurring task can be skipped.');
  return sendTask(c, await finishWrite(c, outcome, changes), 200);
};
