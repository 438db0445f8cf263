import { apiPaths, InvitationSchema, ListSchema, type List, type ShareRole } from '@tasks/shared';
import { expect } from 'vitest';
import { json } from './api.ts';
import type { TestUser } from './users.ts';

// Sharing through the real routes: the way every members/invitations test sets up its lists.

/** A fresh list owned by `owner`. */
export async function newList(owner: TestUser, name = 'shared'): Promise<List> {
  const res = await owner.call(apiPaths.lists, json('POST', { name }));
  expect(res.status).toBe(201);
  return ListSchema.parse(await res.json());
}

/** Invites `user` to the list (as the owner); returns the invitation's id. */
export async function invite(owner: TestUser, listId: string, user: TestUser, role: ShareRole) {
  const res = await owner.call(
    apiPaths.listInvitations(listId),
    json('POST', { email: user.email, role }),
  );
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return InvitationSchema.parse(JSON.parse(text)).id;
}

/** Invites `user` and has them accept: they are a member with `role`. */
export async function share(owner: TestUser, listId: string, user: TestUser, role: ShareRole) {
  const id = await invite(owner, listId, user, role);
  const res = await user.call(apiPaths.invitationAccept(id), { method: 'POST' });
  expect(res.status, await res.text()).toBe(200);
}

/** The owner removes `user` from the list. */
export async function remove(owner: TestUser, listId: string, user: TestUser) {
  const res = await owner.call(apiPaths.listMember(listId, user.id), { method: 'DELETE' });
  expect(res.status, await res.text()).toBe(204);
}
