import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import {
  BULK_IDS_MAX,
  BulkActionSchema,
  BulkResultSchema,
  ClearedSchema,
  ClearQuerySchema,
} from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../api-error.ts';
import { applyBulkAction, clearCompletedTasks, moveTasks } from './bulk-queries.ts';
import { body, common, denied, json, problem, security, tags, written } from './route-parts.ts';

export const bulkRoute = createRoute({
  method: 'post',
  path: '/tasks/bulk',
  tags,
  security,
  summary: `Complete, reopen, delete or move (to \`list_id\`) up to ${BULK_IDS_MAX} tasks at once`,
  request: { body: body(BulkActionSchema) },
  responses: {
    200: json(BulkResultSchema, 'Which ids were acted on'),
    ...common,
    403: denied,
    404: problem('The `list_id` of a move names no list of yours'),
  },
});

/** The schema already requires `list_id` for a move; this only tells TypeScript. */
function destinationOf(listId: string | undefined): string {
  if (listId === undefined) throw ApiError.badRequest('A move needs the list_id to move to.');
  return listId;
}

export const bulkHandler: RouteHandler<typeof bulkRoute, AppEnv> = async (c) => {
  const { action, ids, list_id } = c.req.valid('json');
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
  const hits =
    action === 'move'
      ? written(await moveTasks(c.var.db, c.var.userId, wanted, destinationOf(list_id)))
      : await applyBulkAction(c.var.db, c.var.userId, action, wanted);
  const hit = new Set(hits);
  const updated = wanted.filter((id) => hit.has(id));
  return c.json({ updated, not_found: wanted.filter((id) => !hit.has(id)) }, 200);
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

export const clearCompletedHandler: RouteHandler<typeof clearCompletedRoute, AppEnv> = async (c) =>
  c.json({ deleted: await clearCompletedTasks(c.var.db, c.var.userId) }, 200);
