import type { ShareRole } from '@tasks/shared';
import * as api from '$lib/api/sharing';
import { tellOtherTabs } from '$lib/tab-sync';
import type { ListStore } from './lists.svelte';

// Membership writes, loaded with the share dialog and the invitations banner (not with `/`).
// Each one changes the lists' state only through the store, from the write's own answer.

export async function changeRole(
  store: ListStore,
  listId: string,
  userId: string,
  role: ShareRole,
) {
  const changed = await store.writeMembers(listId, () => api.changeRole(listId, userId, role));
  const members = store.members.get(listId);
  if (members) {
    store.setMembers(
      listId,
      members.map((member) => (member.user_id === userId ? changed : member)),
    );
  }
}

export async function removeMember(store: ListStore, listId: string, userId: string) {
  await store.writeMembers(listId, () => api.removeMember(listId, userId));
  const members = store.members.get(listId);
  if (members) {
    store.setMembers(
      listId,
      members.filter((member) => member.user_id !== userId),
    );
  }
}

/** Leaves a list: it is gone from this user's lists at once. */
export async function leave(store: ListStore, listId: string, myId: string) {
  await api.removeMember(listId, myId);
  store.forget(listId);
  tellOtherTabs({ type: 'lists-changed' });
}

/** Hands the list to another member; the caller's own role (now editor) is read again. */
export async function transfer(store: ListStore, listId: string, userId: string) {
  store.setMembers(
    listId,
    await store.writeMembers(listId, () => api.transferOwnership(listId, userId)),
  );
  await store.load();
  tellOtherTabs({ type: 'lists-changed' });
}

/** Accepts or declines an invitation; an accepted list joins the user's lists. */
export async function answer(store: ListStore, id: string, accept: boolean) {
  const invitation = await api.answerInvitation(id, accept ? 'accept' : 'decline');
  if (accept) await store.load();
  tellOtherTabs({ type: 'lists-changed' });
  return invitation;
}
