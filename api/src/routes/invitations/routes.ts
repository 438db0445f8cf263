import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import {
  apiPaths,
  InvitationCreateSchema,
  InvitationPageSchema,
  InvitationSchema,
} from '@tasks/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { pokeAudience } from '../../live/poke.ts';
import { ApiError } from '../../api-error.ts';
import { ListIdParams, listNotFound } from '../lists/routes.ts';
import { body, common, json, problem, security } from '../tasks/route-parts.ts';
import {
  answerInvitation,
  createInvitation,
  listListInvitations,
  listMyInvitations,
  revokeInvitation,
  type InvitationOutcome,
} from './queries.ts';

const tags = ['invitations'];
const ownerOnly = problem('Only the list’s owner may do this');
const missingList = problem('No such list of yours (also for a malformed id)');
const missingInvitation = problem('No such invitation addressed to you (also for a malformed id)');
const answered = problem('The invitation was already accepted, declined or revoked');

const invitationId = z
  .guid()
  .toLowerCase()
  .openapi({ param: { name: 'invitation_id', in: 'path' }, format: 'uuid' });
export const InvitationParams = z.object({
  id: z
    .guid()
    .toLowerCase()
    .openapi({ param: { name: 'id', in: 'path' }, format: 'uuid' }),
});
export const ListInvitationParams = ListIdParams.extend({ invitation_id: invitationId });

export const invitationNotFound = (path: string) =>
  new ApiError({
    status: 404,
    detail: 'No invitation with that id.',
    errors: [{ path, message: 'No invitation with that id' }],
  });

/** The outcome's value, or the problem that says why not; `path` names the invitation's id. */
function done<T>(outcome: InvitationOutcome<T>, path: string, c?: Context<AppEnv>) {
  switch (outcome.status) {
    case 'ok':
      // A write that happened: its audience's live sockets hear of it after the answer.
      if (c) pokeAudience(c, outcome.audience);
      return outcome;
    case 'forbidden':
      throw ApiError.forbidden('Only the list’s owner may manage its invitations.');
    case 'inbox':
      throw ApiError.conflict('The Inbox cannot be archived, deleted or shared.', [
        { path: 'id', message: 'is your Inbox' },
      ]);
    case 'member':
      throw ApiError.conflict('That address belongs to a member of this list already.', [
        { path: 'email', message: 'is already a member' },
      ]);
    case 'answered':
      throw ApiError.conflict('This invitation was already accepted, declined or revoked.', [
        { path, message: 'is no longer pending' },
      ]);
    case 'invitation_not_found':
      throw invitationNotFound(path);
    case 'not_found':
      throw listNotFound();
  }
}

export const inviteRoute = createRoute({
  method: 'post',
  path: '/lists/{id}/invitations',
  tags,
  security,
  summary: 'Invite an e-mail address (owner); re-inviting a pending address updates its role',
  request: { params: ListIdParams, body: body(InvitationCreateSchema) },
  responses: {
    200: json(InvitationSchema, 'The address’s pending invitation, with the new role'),
    201: json(InvitationSchema, 'The new invitation'),
    ...common,
    403: ownerOnly,
    404: missingList,
    409: problem('The Inbox cannot be shared, or the address is already a member'),
  },
});
export const inviteHandler: RouteHandler<typeof inviteRoute, AppEnv> = async (c) => {
  const listId = c.req.valid('param').id;
  const outcome = done(
    await createInvitation(c.var.db, c.var.userId, listId, c.req.valid('json')),
    'id',
    c,
  );
  if (!outcome.created) return c.json(outcome.value, 200);
  c.header('Location', apiPaths.listInvitation(listId, outcome.value.id));
  return c.json(outcome.value, 201);
};

export const listListInvitationsRoute = createRoute({
  method: 'get',
  path: '/lists/{id}/invitations',
  tags,
  security,
  summary: 'The list’s pending invitations (owner)',
  request: { params: ListIdParams },
  responses: {
    200: json(InvitationPageSchema, 'Pending invitations, oldest first'),
    401: common[401],
    403: ownerOnly,
    404: missingList,
  },
});
export const listListInvitationsHandler: RouteHandler<
  typeof listListInvitationsRoute,
  AppEnv
> = async (c) => {
  const outcome = await listListInvitations(c.var.db, c.var.userId, c.req.valid('param').id);
  return c.json({ data: done(outcome, 'id').value }, 200);
};

export const revokeRoute = createRoute({
  method: 'delete',
  path: '/lists/{id}/invitations/{invitation_id}',
  tags,
  security,
  summary: 'Revoke a pending invitation (owner)',
  request: { params: ListInvitationParams },
  responses: {
    204: { description: 'Revoked' },
    401: common[401],
    403: ownerOnly,
    404: problem('No such list of yours, or no such invitation to it'),
    409: answered,
  },
});
export const revokeHandler: RouteHandler<typeof revokeRoute, AppEnv> = async (c) => {
  const { id, invitation_id } = c.req.valid('param');
  done(await revokeInvitation(c.var.db, c.var.userId, id, invitation_id), 'invitation_id', c);
  return c.body(null, 204);
};

export const myInvitationsRoute = createRoute({
  method: 'get',
  path: '/invitations',
  tags,
  security,
  summary: 'Pending invitations addressed to the caller’s e-mail address',
  responses: {
    200: json(InvitationPageSchema, 'Pending invitations, oldest first'),
    401: common[401],
  },
});
export const myInvitationsHandler: RouteHandler<typeof myInvitationsRoute, AppEnv> = async (c) =>
  c.json({ data: await listMyInvitations(c.var.db, c.var.userId) }, 200);

const answerRoute = (answer: 'accept' | 'decline') =>
  createRoute({
    method: 'post',
    path: `/invitations/{id}/${answer}`,
    tags,
    security,
    summary:
      answer === 'accept'
        ? 'Accept an invitation addressed to you: you become a member with its role'
        : 'Decline an invitation addressed to you',
    request: { params: InvitationParams },
    responses: {
      200: json(InvitationSchema, 'The invitation, answered'),
      401: common[401],
      404: missingInvitation,
      409: answered,
    },
  });
export const acceptRoute = answerRoute('accept');
export const declineRoute = answerRoute('decline');

export const acceptHandler: RouteHandler<typeof acceptRoute, AppEnv> = async (c) => {
  const outcome = await answerInvitation(
    c.var.db,
    c.var.userId,
    c.req.valid('param').id,
    'accepted',
  );
  return c.json(done(outcome, 'id', c).value, 200);
};
export const declineHandler: RouteHandler<typeof declineRoute, AppEnv> = async (c) => {
  const outcome = await answerInvitation(
    c.var.db,
    c.var.userId,
    c.req.valid('param').id,
    'declined',
  );
  return c.json(done(outcome, 'id', c).value, 200);
};
