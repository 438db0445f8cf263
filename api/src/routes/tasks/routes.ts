import { createRoute, z } from '@hono/zod-openapi';
import {
  BulkActionSchema,
  BulkResultSchema,
  ClearedSchema,
  ClearQuerySchema,
  CompletionSchema,
  PROBLEM_CONTENT_TYPE,
  ProblemSchema,
  TaskCreateSchema,
  TaskListQuerySchema,
  TaskSchema,
  TaskUpdateSchema,
} from '@tasks/shared';

// OpenAPI descriptions of every /tasks operation, built from the same shared schemas that
// validate the requests. Handlers live in index.ts.

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodType>(schema: T, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});

const etagHeader = {
  ETag: { description: 'The task version, quoted: `"3"`', schema: { type: 'string' as const } },
};
const common = {
  400: problem('A field is invalid; `errors[].path` names it'),
  401: problem('Missing, expired or invalid bearer token'),
};
const missing = problem('No such task of yours (also for a malformed id or another user’s task)');
const stale = problem('`If-Match` names none of the task’s current versions; nothing changed');

const TaskIdParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, format: 'uuid' }),
});
const IfMatchHeaders = z.object({
  'if-match': z.string().max(1024).optional().openapi({
    description: 'ETag(s) from a previous read (`"3"`); the write happens only if one is current',
  }),
});
const security = [{ bearer: [] }];
const tags = ['tasks'];

export const listTasksRoute = createRoute({
  method: 'get',
  path: '/tasks',
  tags,
  security,
  summary: 'List the caller’s tasks: filters, sort, keyset pagination',
  request: { query: TaskListQuerySchema },
  responses: {
    200: {
      ...json(z.array(TaskSchema), 'One page of tasks'),
      headers: {
        Link: {
          description: 'The next page: `<url>; rel="next"`; absent on the last page',
          schema: { type: 'string' as const },
        },
      },
    },
    ...common,
  },
});

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
    422: problem('The `Idempotency-Key` was used with a different body'),
  },
});

export const getTaskRoute = createRoute({
  method: 'get',
  path: '/tasks/{id}',
  tags,
  security,
  summary: 'One task, with its version as ETag',
  request: {
    params: TaskIdParams,
    headers: z.object({ 'if-none-match': z.string().max(1024).optional() }),
  },
  responses: {
    200: { ...json(TaskSchema, 'The task'), headers: etagHeader },
    304: { description: '`If-None-Match` names the current version', headers: etagHeader },
    401: common[401],
    404: missing,
  },
});

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
      404: missing,
      412: stale,
    },
  });
export const toggleTaskRoute = completionRoute('put');
export const setCompletionRoute = completionRoute('post');

export const deleteTaskRoute = createRoute({
  method: 'delete',
  path: '/tasks/{id}',
  tags,
  security,
  summary: 'Delete a task',
  request: { params: TaskIdParams, headers: IfMatchHeaders },
  responses: { 204: { description: 'Deleted' }, 401: common[401], 404: missing, 412: stale },
});

export const bulkRoute = createRoute({
  method: 'post',
  path: '/tasks/bulk',
  tags,
  security,
  summary: 'Complete, reopen or delete up to 500 tasks at once',
  request: { body: body(BulkActionSchema) },
  responses: { 200: json(BulkResultSchema, 'Which ids were acted on'), ...common },
});

export const clearCompletedRoute = createRoute({
  method: 'delete',
  path: '/tasks',
  tags,
  security,
  summary: 'Delete every completed task (`?status=completed`)',
  request: { query: ClearQuerySchema },
  responses: { 200: json(ClearedSchema, 'How many were deleted'), ...common },
});
