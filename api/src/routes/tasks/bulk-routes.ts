import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import {
  BULK_IDS_MAX,
  BulkActionSchema,
  BulkResultSchema,
  ClearedSchema,
  ClearQuerySchema,
} from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { applyBulkAction, clearCompletedTasks } from './bulk-queries.ts';
import { body, common, json, security, tags } from './route-parts.ts';

export const bulkRoute = createRoute({
  method: 'post',
  path: '/tasks/bulk',
  tags,
  security,
  summary: `Complete, reopen or delete up to ${BULK_IDS_MAX} tasks at once`,
  request: { body: body(BulkActionSchema) },
  responses: { 200: json(BulkResultSchema, 'Which ids were acted on'), ...common },
});

export const bulkHandler: RouteHandler<typeof bulkRoute, AppEnv> = async (c) => {
  const { action, ids } = c.req.valid('json');
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
  const hit = new Set(await applyBulkAction(c.var.db, c.var.userId, action, wanted));
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
