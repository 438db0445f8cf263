import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import {
  BULK_IDS_MAX,
  BulkActionSchema,
  type BulkAction,
  BulkResultSchema,
  ClearedSchema,
  ClearQuerySchema,
} from '@tasks/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { pokeAudience } from '../../live/poke.ts';
import { ApiError } from '../../api-error.ts';
import { applyBulkAction, moveTasks, type BulkOutcome } from './bulk-queries.ts';
import { clearCompletedTasks } from './clear-completed.ts';
import { restoreTasks } from './restore-tasks.ts';
import type { TaskRecord } from '../../db/schema/tasks.ts';
import { engineNext, type ZonedRecord } from './derive.ts';
import { advanceTask } from './refill.ts';
import { body, common, json, problem, security, tags, written } from './route-parts.ts';
import { snapshotToRecord, toTask } from './task-json.ts';

export const bulkRoute = createRoute({
  method: 'post',
  path: '/tasks/bulk',
  tags,
  security,
  summary: `Complete, reopen, delete, restore (deleted ones) or move (to \`list_id\`) up to ${BULK_IDS_MAX} tasks at once`,
  request: { body: body(BulkActionSchema) },
  responses: {
    200: json(BulkResultSchema, 'Which ids were acted on, and the changed tasks as they are now'),
    ...common,
    403: problem('One of the ids (or the `list_id` of a move) is in a list you may only read'),
    404: problem('The `list_id` of a move names no list of yours'),
  },
});

/**
 * Recurring tasks whose schedule could not answer a bulk completion: one advance each, each its
 * own transaction after the bulk's poke, so each advance pokes its members too. Returns the
 * advanced rows (one someone else advanced first is left out: the feed brings it).
 */
async function advanceWithEngine(c: Context<AppEnv>, unanswered: ZonedRecord[]) {
  const now = new Date();
  const records: TaskRecord[] = [];
  for (const zoned of unanswered) {
    const target = { userId: c.var.userId, id: zoned.record.id, from: zoned.record.occurrence };
    const advanced = await advanceTask(
      c.var.db,
      { ...target, skip: false },
      engineNext(zoned, now),
    );
    pokeAudience(c, advanced?.audience);
    if (advanced) records.push(advanced.record);
  }
  return records;
}

/** The schema already requires `list_id` for a move; this only tells TypeScript. */
function destinationOf(listId: string | undefined): string {
  if (listId === undefined) throw ApiError.badRequest('A move needs the list_id to move to.');
  return listId;
}

/** A restore's outcome as a bulk write's: `ids` are the restored and the live writable ones. */
async function restoreAsBulk(c: Context<AppEnv>, ids: string[]): Promise<BulkOutcome> {
  const outcome = await restoreTasks(c.var.db, c.var.userId, ids);
  if (outcome.status === 'forbidden') return outcome;
  const { restored, live, audience } = outcome;
  const owned = [...restored, ...live].map((task) => task.id);
  return { status: 'ok', value: { ids: owned, changed: restored, unanswered: [] }, audience };
}

/** The one statement of a bulk action. */
function bulkWrite(
  c: Context<AppEnv>,
  action: BulkAction['action'],
  ids: string[],
  listId?: string,
) {
  const { db, userId } = c.var;
  if (action === 'move') return moveTasks(db, userId, ids, destinationOf(listId));
  if (action === 'restore') return restoreAsBulk(c, ids);
  return applyBulkAction(db, userId, action, ids);
}

export const bulkHandler: RouteHandler<typeof bulkRoute, AppEnv> = async (c) => {
  const { action, ids, list_id } = c.req.valid('json');
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
  const outcome = written(await bulkWrite(c, action, wanted, list_id), c);
  const advanced = await advanceWithEngine(c, outcome.unanswered);
  const tasks = [...outcome.changed.map(snapshotToRecord), ...advanced].map(toTask);
  const hit = new Set(outcome.ids);
  const updated = wanted.filter((id) => hit.has(id));
  return c.json({ updated, not_found: wanted.filter((id) => !hit.has(id)), tasks }, 200);
};

export const clearCompletedRoute = createRoute({
  method: 'delete',
  path: '/tasks',
  tags,
  security,
  summary: 'Delete every completed task (`?status=completed`)',
  request: { query: ClearQuerySchema },
  responses: { 200: json(ClearedSchema, 'How many were deleted'), ...common },
});

export const clearCompletedHandler: RouteHandler<typeof clearCompletedRoute, AppEnv> = async (
  c,
) => {
  const { deleted, audience } = await clearCompletedTasks(c.var.db, c.var.userId);
  if (deleted > 0) pokeAudience(c, audience);
  return c.json({ deleted }, 200);
};
