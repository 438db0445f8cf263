import { apiPaths } from '@tasks/shared';
import { json } from './api.ts';
import { newUser, type TestUser } from './users.ts';

// The contract test's calls of the members and invitations operations (contract.test.ts):
// successes and the errors a client can provoke, made by the contract user.

type Call = { path: string; init?: RequestInit };

const idOf = async (res: Response) => ((await res.json()) as { id: string }).id;
const post = { method: 'POST' };
const missing = crypto.randomUUID();

/** The calls per operation for `user`, who owns the lists they create here. */
export function sharingCalls(user: TestUser): Record<string, () => Promise<Call[]>> {
  const newList = async (owner = user) =>
    idOf(await owner.call(apiPaths.lists, json('POST', { name: 'shared' })));
  /** A fresh list of `user`'s with one more member (an editor), whose id comes back too. */
  const sharedList = async () => {
    const [listId, other] = await Promise.all([newList(), newUser('contract-member')]);
    const body = json('POST', { email: other.email, role: 'editor' });
    const invitation = await idOf(await user.call(apiPaths.listInvitations(listId), body));
    await other.call(apiPaths.invitationAccept(invitation), post);
    return { listId, memberId: other.id };
  };
  /** An invitation addressed to `user`, to someone else's list. */
  const invitationToUser = async () => {
    const inviter = await newUser('contract-inviter');
    const listId = await newList(inviter);
    const body = json('POST', { email: user.email, role: 'viewer' });
    return idOf(await inviter.call(apiPaths.listInvitations(listId), body));
  };
  const invitation = (email = `x${crypto.randomUUID()}@example.com`) =>
    json('POST', { email, role: 'editor' });

  return {
    'GET /api/v1/lists/{id}/members': async () => [
      { path: apiPaths.listMembers(await newList()) },
      { path: apiPaths.listMembers(missing) },
    ],
    'PATCH /api/v1/lists/{id}/members/{user_id}': async () => {
      const { listId, memberId } = await sharedList();
      const path = apiPaths.listMember(listId, memberId);
      return [
        { path, init: json('PATCH', { role: 'viewer' }) },
        { path, init: json('PATCH', { role: 'owner' }) },
        { path: apiPaths.listMember(listId, user.id), init: json('PATCH', { role: 'viewer' }) },
        { path: apiPaths.listMember(listId, missing), init: json('PATCH', { role: 'viewer' }) },
      ];
    },
    'DELETE /api/v1/lists/{id}/members/{user_id}': async () => {
      const { listId, memberId } = await sharedList();
      return [
        { path: apiPaths.listMember(listId, memberId), init: { method: 'DELETE' } },
        { path: apiPaths.listMember(listId, user.id), init: { method: 'DELETE' } },
        { path: apiPaths.listMember(listId, memberId), init: { method: 'DELETE' } },
      ];
    },
    'POST /api/v1/lists/{id}/transfer': async () => {
      const { listId, memberId } = await sharedList();
      const to = (id: string) => json('POST', { user_id: id });
      return [
        { path: apiPaths.listTransfer(listId), init: to(missing) },
        { path: apiPaths.listTransfer(listId), init: to('nobody') },
        { path: apiPaths.listTransfer(listId), init: to(memberId) },
        { path: apiPaths.listTransfer(listId), init: to(memberId) },
      ];
    },
    'POST /api/v1/lists/{id}/invitations': async () => {
      const listId = await newList();
      const email = `c${crypto.randomUUID()}@example.com`;
      return [
        { path: apiPaths.listInvitations(listId), init: invitation(email) },
        { path: apiPaths.listInvitations(listId), init: invitation(email) },
        { path: apiPaths.listInvitations(listId), init: invitation(user.email) },
        { path: apiPaths.listInvitations(listId), init: invitation('nope') },
        { path: apiPaths.listInvitations(missing), init: invitation() },
      ];
    },
    'GET /api/v1/lists/{id}/invitations': async () => {
      const listId = await newList();
      await user.call(apiPaths.listInvitations(listId), invitation());
      return [
        { path: apiPaths.listInvitations(listId) },
        { path: apiPaths.listInvitations(missing) },
      ];
    },
    'DELETE /api/v1/lists/{id}/invitations/{invitation_id}': async () => {
      const listId = await newList();
      const id = await idOf(await user.call(apiPaths.listInvitations(listId), invitation()));
      return [
        { path: apiPaths.listInvitation(listId, id), init: { method: 'DELETE' } },
        { path: apiPaths.listInvitation(listId, id), init: { method: 'DELETE' } },
        { path: apiPaths.listInvitation(listId, missing), init: { method: 'DELETE' } },
      ];
    },
    'GET /api/v1/invitations': async () => {
      await invitationToUser();
      return [{ path: apiPaths.invitations }];
    },
    'POST /api/v1/invitations/{id}/accept': async () => {
      const id = await invitationToUser();
      return [
        { path: apiPaths.invitationAccept(id), init: post },
        { path: apiPaths.invitationAccept(id), init: post },
        { path: apiPaths.invitationAccept(missing), init: post },
      ];
    },
    'POST /api/v1/invitations/{id}/decline': async () => {
      const id = await invitationToUser();
      return [
        { path: apiPaths.invitationDecline(id), init: post },
        { path: apiPaths.invitationDecline(id), init: post },
      ];
    },
  };
}
