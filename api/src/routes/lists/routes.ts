import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import {
  apiPaths,
  ListCreateSchema,
  ListPageSchema,
  ListSchema,
  ListUpdateSchema,
} from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { pokeAudience, type Audience } from '../../live/poke.ts';
import { ApiError } from '../../api-error.ts';
import { body, common, json, problem, security } from '../tasks/route-parts.ts';
import {
  createList,
  deleteList,
  getList,
  listLists,
  updateList,
  type ListWrite,
} from './queries.ts';

const tags = ['lists'];
const missing = problem('No such list of yours (also for a malformed id or a list you are not in)');
const ownerOnly = problem('Only the list’s owner may do this');
const inboxRefused = problem('The Inbox cannot be archived, deleted or shared');

/** The path's list id; a malformed one is the same 404 as a missing list (`listHook`). */
export const ListIdParams = z.object({
  id: z
    .guid()
    .toLowerCase()
    .openapi({ param: { name: 'id', in: 'path' }, format: 'uuid' }),
});

export const listNotFound = () => ApiError.notFound('No list with that id.');

/** The write's list, or the problem that says why not. */
function written<T extends ListWrite | { status: 'ok'; audience: Audience }>(outcome: T) {
  if (outcome.status === 'ok') return outcome as Extract<T, { status: 'ok' }>;
  if (outcome.status === 'forbidden')
    throw ApiError.forbidden('Only the list’s owner may do this.');
  if (outcome.status === 'inbox') {
    throw ApiError.conflict('The Inbox cannot be archived, deleted or shared.', [
      { path: 'id', message: 'is your Inbox' },
    ]);
  }
  throw listNotFound();
}

export const listListsRoute = createRoute({
  method: 'get',
  path: '/lists',
  tags,
  security,
  summary: 'The caller’s lists (Inbox included) with their pending counts, in the caller’s order',
  responses: { 200: json(ListPageSchema, 'The lists'), 401: common[401] },
});
export const listListsHandler: RouteHandler<typeof listListsRoute, AppEnv> = async (c) =>
  c.json({ data: await listLists(c.var.db, c.var.userId) }, 200);

export const createListRoute = createRoute({
  method: 'post',
  path: '/lists',
  tags,
  security,
  summary: 'Create a list owned by the caller',
  request: { body: body(ListCreateSchema) },
  responses: { 201: json(ListSchema, 'The new list'), ...common },
});
export const createListHandler: RouteHandler<typeof createListRoute, AppEnv> = async (c) => {
  const { list, audience } = await createList(c.var.db, c.var.userId, c.req.valid('json'));
  pokeAudience(c, audience);
  c.header('Location', apiPaths.list(list.id));
  return c.json(list, 201);
};

export const getListRoute = createRoute({
  method: 'get',
  path: '/lists/{id}',
  tags,
  security,
  summary: 'One list of the caller’s',
  request: { params: ListIdParams },
  responses: { 200: json(ListSchema, 'The list'), 401: common[401], 404: missing },
});
export const getListHandler: RouteHandler<typeof getListRoute, AppEnv> = async (c) => {
  const list = await getList(c.var.db, c.var.userId, c.req.valid('param').id);
  if (!list) throw listNotFound();
  return c.json(list, 200);
};

export const updateListRoute = createRoute({
  method: 'patch',
  path: '/lists/{id}',
  tags,
  security,
  summary: 'Rename, recolour or archive (owner), or move in the caller’s own order (any member)',
  request: { params: ListIdParams, body: body(ListUpdateSchema) },
  responses: {
    200: json(ListSchema, 'The list after the change'),
    ...common,
    403: ownerOnly,
    404: missing,
    409: inboxRefused,
  },
});
export const updateListHandler: RouteHandler<typeof updateListRoute, AppEnv> = async (c) => {
  const outcome = written(
    await updateList(c.var.db, c.var.userId, c.req.valid('param').id, c.req.valid('json')),
  );
  pokeAudience(c, outcome.audience);
  return c.json(outcome.value, 200);
};

export const deleteListRoute = createRoute({
  method: 'delete',
  path: '/lists/{id}',
  tags,
  security,
  summary: 'Delete a list and its tasks (owner; never the Inbox)',
  request: { params: ListIdParams },
  responses: {
    204: { description: 'Deleted' },
    401: common[401],
    403: ownerOnly,
    404: missing,
    409: inboxRefused,
  },
});
export const deleteListHandler: RouteHandler<typeof deleteListRoute, AppEnv> = async (c) => {
  const outcome = written(await deleteList(c.var.db, c.var.userId, c.req.valid('param').id));
  pokeAudience(c, outcome.audience);
  return c.body(null, 204);
};
