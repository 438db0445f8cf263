import type { Invitation, Me, Member, ShareRole } from '@tasks/shared';
import {
  apiPaths,
  InvitationPageSchema,
  InvitationSchema,
  MemberPageSchema,
  MemberSchema,
  MeSchema,
} from 'virtual:contract';
import { authorized } from './session';

/** Who the caller is (the share dialog tells "you" from the other members). */
export async function getMe(): Promise<Me> {
  return (await authorized(apiPaths.me, { schema: MeSchema })).data;
}

/** Invites an address to the list (owner); inviting a pending address again changes its role. */
export async function invite(listId: string, email: string, role: ShareRole): Promise<Invitation> {
  return (
    await authorized(apiPaths.listInvitations(listId), {
      method: 'POST',
      body: { email, role },
      schema: InvitationSchema,
    })
  ).data;
}

/** The list's pending invitations (owner). */
export async function listInvitations(listId: string): Promise<Invitation[]> {
  return (await authorized(apiPaths.listInvitations(listId), { schema: InvitationPageSchema })).data
    .data;
}

export async function revokeInvitation(listId: string, invitationId: string): Promise<void> {
  await authorized(apiPaths.listInvitation(listId, invitationId), { method: 'DELETE' });
}

/** Accepts or declines an invitation addressed to the caller. */
export async function answerInvitation(id: string, answer: 'accept' | 'decline') {
  const path = answer === 'accept' ? apiPaths.invitationAccept(id) : apiPaths.invitationDecline(id);
  return (await authorized(path, { method: 'POST', schema: InvitationSchema })).data;
}

export async function changeRole(listId: string, userId: string, role: ShareRole) {
  return (
    await authorized(apiPaths.listMember(listId, userId), {
      method: 'PATCH',
      body: { role },
      schema: MemberSchema,
    })
  ).data;
}

/** Removes a member (owner), or leaves the list (the caller's own id). */
export async function removeMember(listId: string, userId: string): Promise<void> {
  await authorized(apiPaths.listMember(listId, userId), { method: 'DELETE' });
}

/** Makes a member the owner; the caller becomes an editor. Answers the members after it. */
export async function transferOwnership(listId: string, userId: string): Promise<Member[]> {
  return (
    await authorized(apiPaths.listTransfer(listId), {
      method: 'POST',
      body: { user_id: userId },
      schema: MemberPageSchema,
    })
  ).data.data;
}
