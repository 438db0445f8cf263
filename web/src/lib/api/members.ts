import type { Invitation, Member } from '@tasks/shared';
import { apiPaths, InvitationPageSchema, MemberPageSchema } from 'virtual:contract';
import { authorized } from './session';

// The reads every page may need; the writes of sharing are in sharing.ts, loaded with its dialog.

/** The members of a list of the caller's, owner first (names for assignees and completions). */
export async function listMembers(listId: string, signal?: AbortSignal): Promise<Member[]> {
  return (await authorized(apiPaths.listMembers(listId), { schema: MemberPageSchema, signal })).data
    .data;
}

/** Pending invitations addressed to the caller (the banner). */
export async function listMyInvitations(signal?: AbortSignal): Promise<Invitation[]> {
  return (await authorized(apiPaths.invitations, { schema: InvitationPageSchema, signal })).data
    .data;
}
