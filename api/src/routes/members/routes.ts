import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import {
  MemberPageSchema,
  MemberSchema,
  MemberUpdateSchema,
  OwnershipTransferSchema,
} from '@tasks/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { pokeAudience } from '../../live/poke.ts';
import { ApiError } from '../../api-error.ts';
import { ListIdParams, listNotFound } from '../lists/routes.ts';
import { body, common, json, problem, security } from '../tasks/route-parts.ts';
import {
  changeMemberRole,
  listMembers,
  removeMember,
  transferOwnership,
  type MemberOutcome,
} from './queries.ts';

const tags = ['members'];
const missing = problem('No such list of yours, or no such member of it (`errors[].path` says)');
const ownerOnly = problem('Only the list’s owner may do this');

export const MemberParams = ListIdParams.extend({
  user_id: z
    .guid()
    .toLowerCase()
    .openapi({ param: { name: 'user_id', in: 'path' }, format: 'uuid' }),
});

const memberNotFound = (path: string) =>
  new ApiError({
    status: 404,
    detail: 'That user is not a member of this list.',
    errors: [{ path, message: 'is not a member of this list' }],
  });

/** The write's value, or the problem that says why not; `path` names the member's field. */
function done<T>(outcome: MemberOutcome<T>, path: string, c?: Context<AppEnv>): T {
  switch (outcome.status) {
    case 'ok':
      if (c) pokeAudience(c, outcome.audience);
      return outcome.value;
    case 'forbidden':
      throw ApiError.forbidden('Only the list’s owner may change its members.');
    case 'member_not_found':
      throw memberNotFound(path);
    case 'owner':
      throw ApiError.conflict(
        'The owner keeps the owner role: transfer ownership to a member first.',
        [{ path, message: 'is the list’s owner' }],
      );
    case 'self':
      throw ApiError.conflict('You already own this list.', [
        { path, message: 'is already the owner' },
      ]);
    case 'not_found':
      throw listNotFound();
  }
}

export const listMembersRoute = createRoute({
  method: 'get',
  path: '/lists/{id}/members',
  tags,
  security,
  summary: 'The members of a list of the caller’s, owner first',
  request: { params: ListIdParams },
  responses: { 200: json(MemberPageSchema, 'The members'), 401: common[401], 404: missing },
});
export const listMembersHandler: RouteHandler<typeof listMembersRoute, AppEnv> = async (c) => {
  const members = await listMembers(c.var.db, c.var.userId, c.req.valid('param').id);
  if (!members) throw listNotFound();
  return c.json({ data: members }, 200);
};

export const updateMemberRoute = createRoute({
  method: 'patch',
  path: '/lists/{id}/members/{user_id}',
  tags,
  security,
  summary: 'Change a member’s role (owner; the owner’s own role moves only by a transfer)',
  request: { params: MemberParams, body: body(MemberUpdateSchema) },
  responses: {
    200: json(MemberSchema, 'The member after the change'),
    ...common,
    403: ownerOnly,
    404: missing,
    409: problem('The member is the owner'),
  },
});
export const updateMemberHandler: RouteHandler<typeof updateMemberRoute, AppEnv> = async (c) => {
  const { id, user_id } = c.req.valid('param');
  const { role } = c.req.valid('json');
  return c.json(
    done(await changeMemberRole(c.var.db, c.var.userId, id, user_id, role), 'user_id', c),
    200,
  );
};

export const removeMemberRoute = createRoute({
  method: 'delete',
  path: '/lists/{id}/members/{user_id}',
  tags,
  security,
  summary: 'Remove a member (owner), or leave (your own id); their tasks there are unassigned',
  request: { params: MemberParams },
  responses: {
    204: { description: 'Removed' },
    401: common[401],
    403: ownerOnly,
    404: missing,
    409: problem('The owner cannot leave or be removed: transfer ownership first'),
  },
});
export const removeMemberHandler: RouteHandler<typeof removeMemberRoute, AppEnv> = async (c) => {
  const { id, user_id } = c.req.valid('param');
  done(await removeMember(c.var.db, c.var.userId, id, user_id), 'user_id', c);
  return c.body(null, 204);
};

export const transferRoute = createRoute({
  method: 'post',
  path: '/lists/{id}/transfer',
  tags,
  security,
  summary: 'Make a member the owner (owner); the old owner becomes an editor',
  request: { params: ListIdParams, body: body(OwnershipTransferSchema) },
  responses: {
    200: json(MemberPageSchema, 'The members after the transfer'),
    ...common,
    403: ownerOnly,
    404: missing,
    409: problem('You already own the list'),
  },
});
export const transferHandler: RouteHandler<typeof transferRoute, AppEnv> = async (c) => {
  const { user_id } = c.req.valid('json');
  const members = await transferOwnership(c.var.db, c.var.userId, c.req.valid('param').id, user_id);
  return c.json({ data: done(members, 'user_id', c) }, 200);
};
