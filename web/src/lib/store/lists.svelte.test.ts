import type { List } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { ListStore } from './lists.svelte';
import { aList, aTask } from './task.test-helper';

const INBOX = '00000000-0000-4000-8000-000000000001';
const WORK = '00000000-0000-4000-8000-000000000002';

const list = (id: string, name: string, pending: number, extra: Partial<List> = {}) =>
  aList({ id, name, pending_count: pending, ...extra });

function store(): ListStore {
  const lists = new ListStore();
  lists.lists = [
    list(WORK, 'Work', 1, { position: 1 }),
    list(INBOX, 'Inbox', 2, { is_inbox: true }),
  ];
  return lists;
}

const task = (listId: string, completed = false) =>
  aTask({ id: WORK, completed, user_id: INBOX, list_id: listId, created_by: INBOX });
const pending = (lists: ListStore) => lists.active.map((item) => item.pending_count);

describe('the lists store', () => {
  it('shows the Inbox first, then the user’s order', () => {
    expect(store().active.map((item) => item.name)).toEqual(['Inbox', 'Work']);
  });

  it('moves pending counts as the database does for a create, a completion, a move, a delete', () => {
    const lists = store();
    lists.recount(undefined, task(INBOX));
    expect(pending(lists)).toEqual([3, 1]);
    lists.recount(task(INBOX), task(INBOX, true));
    expect(pending(lists)).toEqual([2, 1]);
    lists.recount(task(INBOX), task(WORK));
    expect(pending(lists)).toEqual([1, 2]);
    lists.recount(task(WORK, true), undefined);
    expect(pending(lists)).toEqual([1, 2]);
    lists.recount(task(WORK), undefined);
    expect(pending(lists)).toEqual([1, 1]);
  });

  it('counts a held delete out until it is undone, or for good once it is sent', () => {
    const lists = store();
    lists.hold('a', task(WORK));
    lists.hold('b', task(INBOX));
    expect(pending(lists)).toEqual([1, 0]);
    lists.release('a', true);
    lists.release('b', false);
    expect(pending(lists)).toEqual([1, 1]);
  });

  it('gives a member’s name in a list, or their e-mail when they have none', () => {
    const lists = store();
    const member = { user_id: INBOX, email: 'sam@example.com', role: 'editor' as const };
    lists.setMembers(WORK, [{ ...member, name: '' }]);
    expect(lists.memberName(WORK, INBOX)).toBe('sam@example.com');
    lists.setMembers(WORK, [{ ...member, name: 'Sam' }]);
    expect(lists.memberName(WORK, INBOX)).toBe('Sam');
    expect(lists.memberName(WORK, null)).toBeUndefined();
  });
});
