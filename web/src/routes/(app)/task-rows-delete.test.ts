import type { List, Task } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { ListStore } from '$lib/store/lists.svelte';
import { aTask } from '$lib/store/task.test-helper';
import { TaskList } from './task-list.svelte';
import { ALL_TASKS, readView } from './task-query';

// A delete is sent at once and its Undo is a restore queued behind it (decision 0034): the row
// and the counts must come out right whichever answer comes first.

const HOME = 'b1a9d9a4-0000-4000-8000-000000000001';

const home = (pending_count: number): List => ({
  id: HOME,
  name: 'Home',
  color: 'blue',
  is_inbox: true,
  archived: false,
  position: 0,
  role: 'owner',
  member_count: 1,
  pending_count,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});

function pageWith(...tasks: Task[]) {
  const lists = new ListStore();
  const pending = tasks.filter((t) => !t.completed).length;
  lists.lists = [home(pending)];
  const page = new TaskList(readView(new URL('http://app.test/')), ALL_TASKS, lists);
  page.tasks = tasks;
  page.counts = { all: tasks.length, pending, completed: tasks.length - pending, tags: [] };
  return { page, lists };
}

const shown = (page: TaskList) => page.visible.map((t) => [t.title, t.version]);
const pendingOf = (lists: ListStore) => lists.lists[0]?.pending_count;

describe('a delete and its undo in the task store', () => {
  it('undone after the delete was answered: shown and counted again, then the restored version', () => {
    const a = aTask({ title: 'a', list_id: HOME, version: 3 });
    const { page, lists } = pageWith(a, aTask({ title: 'b', list_id: HOME }));
    page.hideDeleted(a.id, a);
    expect(shown(page)).toEqual([['b', 1]]);
    expect([page.counts.pending, pendingOf(lists)]).toEqual([1, 1]);
    page.deleted(a.id);
    expect(page.tasks).toHaveLength(1);
    page.showAgain(a.id, a);
    expect(shown(page)).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
    expect([page.counts.pending, pendingOf(lists)]).toEqual([2, 2]);
    page.restored(a.id, a, { ...a, version: 4 });
    expect(shown(page)[0]).toEqual(['a', 4]);
    expect([page.counts.pending, pendingOf(lists)]).toEqual([2, 2]);
  });

  it('undone before the delete was answered: the answer does not take the row away again', () => {
    const a = aTask({ title: 'a', list_id: HOME, version: 3 });
    const { page, lists } = pageWith(a);
    page.hideDeleted(a.id, a);
    page.showAgain(a.id, a);
    expect(shown(page)).toEqual([['a', 3]]);
    page.deleted(a.id); // the delete's answer, after the undo
    expect(shown(page)).toEqual([['a', 3]]);
    page.restored(a.id, a, { ...a, version: 4 });
    expect(shown(page)).toEqual([['a', 4]]);
    expect([page.counts.pending, page.counts.all, pendingOf(lists)]).toEqual([1, 1, 1]);
  });

  it('a restore refused: the task shown again leaves, counted out', () => {
    const a = aTask({ title: 'a', list_id: HOME });
    const { page, lists } = pageWith(a);
    page.hideDeleted(a.id, a);
    page.deleted(a.id);
    page.showAgain(a.id, a);
    page.gone(a.id, a);
    expect(page.tasks).toEqual([]);
    expect([page.counts.pending, pendingOf(lists)]).toEqual([0, 0]);
  });
});
