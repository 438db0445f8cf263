import type { Invitation, List, Member } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { applyInvitationChanges } from './invitations-feed';
import { ListStore } from './lists.svelte';
import { aList, aTask } from './task.test-helper';

const INBOX = '00000000-0000-4000-8000-000000000001';
const WORK = '00000000-0000-4000-8000-000000000002';
const ME = '00000000-0000-4000-8000-00000000000a';
const SAM = '00000000-0000-4000-8000-00000000000b';

const list = (id: string, name: string, extra: Partial<List> = {}) =>
  aList({ id, name, position: 1, member_count: 2, pending_count: 1, ...extra });

function store(): ListStore {
  const lists = new ListStore();
  lists.lists = [list(WORK, 'Work'), list(INBOX, 'Inbox', { is_inbox: true, member_count: 1 })];
  return lists;
}

const member = (user_id: string, role: Member['role']): Member => ({
  user_id,
  role,
  email: `${user_id.slice(-1)}@example.com`,
  name: '',
});

describe('the lists store follows the feed', () => {
  it('takes a list as its member sees it now: name, colour, archived, counts, role', () => {
    const lists = store();
    const renamed = list(WORK, 'Work stuff', { color: 'red', pending_count: 4, role: 'viewer' });
    expect(lists.applyChanges([{ entity: 'list', id: WORK, op: 'upsert', data: renamed }])).toEqual(
      [],
    );
    expect(lists.find(WORK)).toMatchObject({ name: 'Work stuff', color: 'red', pending_count: 4 });
    expect(lists.canWrite(WORK)).toBe(false);
    lists.applyChanges([
      { entity: 'list', id: WORK, op: 'upsert', data: { ...renamed, archived: true } },
    ]);
    expect(lists.active.map((item) => item.name)).toEqual(['Inbox']);
    expect(lists.archived.map((item) => item.name)).toEqual(['Work stuff']);
  });

  it('shows a list shared with the user, and keeps counting out a task held for Undo', () => {
    const lists = store();
    const held = aTask({ list_id: WORK });
    lists.hold('k', held);
    const shared = list(crypto.randomUUID(), 'Shared', { role: 'editor' });
    lists.applyChanges([
      { entity: 'list', id: shared.id, op: 'upsert', data: shared },
      { entity: 'list', id: WORK, op: 'upsert', data: list(WORK, 'Work', { pending_count: 3 }) },
    ]);
    expect(lists.find(shared.id)?.role).toBe('editor');
    expect(lists.find(WORK)?.pending_count).toBe(2);
  });

  it('drops a list the user lost and answers it, so its page can say so', () => {
    const lists = store();
    lists.setMembers(WORK, [member(ME, 'owner')]);
    const gone = lists.applyChanges([
      { entity: 'list', id: WORK, op: 'delete' },
      { entity: 'list', id: crypto.randomUUID(), op: 'delete' },
    ]);
    expect(gone.map((item) => item.name)).toEqual(['Work']);
    expect(lists.find(WORK)).toBeUndefined();
    expect(lists.members.has(WORK)).toBe(false);
  });

  it('adds, changes and removes members of a list whose members it shows', () => {
    const lists = store();
    lists.setMembers(WORK, [member(ME, 'owner')]);
    const sam = { ...member(SAM, 'viewer'), list_id: WORK, name: 'Sam' };
    const id = `${WORK}:${SAM}`;
    lists.applyChanges([{ entity: 'membership', id, op: 'upsert', data: sam }]);
    expect(lists.memberName(WORK, SAM)).toBe('Sam');
    lists.applyChanges([
      { entity: 'membership', id, op: 'upsert', data: { ...sam, role: 'editor' } },
      // Members of a list not shown here are read when needed, not made up from one change.
      { entity: 'membership', id: `${INBOX}:${SAM}`, op: 'upsert', data: sam },
    ]);
    expect(lists.members.get(WORK)?.map((m) => m.role)).toEqual(['owner', 'editor']);
    expect(lists.members.has(INBOX)).toBe(false);
    lists.applyChanges([{ entity: 'membership', id, op: 'delete' }]);
    expect(lists.members.get(WORK)?.map((m) => m.user_id)).toEqual([ME]);
  });
});

const invitation = (id: string, listId: string, status: Invitation['status']): Invitation => ({
  id,
  list_id: listId,
  list_name: 'Trip',
  email: 'me@example.com',
  role: 'editor',
  status,
  invited_by: null,
  created_at: '2026-01-01T00:00:00.000Z',
});

describe('the invitations banner follows the feed', () => {
  const TRIP = crypto.randomUUID();
  const ID = crypto.randomUUID();
  const notMember = () => false;

  it('shows a pending invitation as it arrives and drops it once answered or revoked', () => {
    const shown = applyInvitationChanges(
      [],
      [{ entity: 'invitation', id: ID, op: 'upsert', data: invitation(ID, TRIP, 'pending') }],
      notMember,
    );
    expect(shown?.map((item) => item.id)).toEqual([ID]);
    const revoked = { entity: 'invitation' as const, id: ID, op: 'upsert' as const };
    const data = invitation(ID, TRIP, 'revoked');
    expect(applyInvitationChanges(shown!, [{ ...revoked, data }], notMember)).toEqual([]);
    expect(
      applyInvitationChanges(shown!, [{ entity: 'invitation', id: ID, op: 'delete' }], notMember),
    ).toEqual([]);
  });

  it('leaves out the invitations the user sent (for a list they are a member of)', () => {
    const sent = { entity: 'invitation' as const, id: ID, op: 'upsert' as const };
    const changes = [{ ...sent, data: invitation(ID, TRIP, 'pending') }];
    expect(applyInvitationChanges([], changes, (id) => id === TRIP)).toBeUndefined();
    expect(
      applyInvitationChanges([], [{ entity: 'task', id: ID, op: 'delete' }], notMember),
    ).toBeUndefined();
  });
});
