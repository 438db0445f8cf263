import type { Task } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import type { ListStore } from '$lib/store/lists.svelte';
import { aTask } from '$lib/store/task.test-helper';
import type { TaskList } from './task-list.svelte';
import { HOME, pageWith, pendingOf } from './task-page.test-helper';

// A delete is sent at once and its Undo is a restore queued behind it (decision 0034): the row
// and the counts must come out right whichever answer comes first.

const pageOf = (...tasks: Task[]) => pageWith(tasks);
const shown = (page: TaskList) => page.visible.map((t) => [t.title, t.version]);
const homePending = (lists: ListStore) => pendingOf(lists)[0];
describe('a delete and its undo in the task store', () => {
  it('undone after the delete was answered: shown and counted again, then the restored version', () => {
    const a = aTask({ title: 'a', list_id: HOME, version: 3 });
    const { page, lists } = pageOf(a, aTask({ title: 'b', list_id: HOME }));
    page.hideDeleted(a.id, a);
    expect(shown(page)).toEqual([['b', 1]]);
    expect([page.counts.pending, homePending(lists)]).toEqual([1, 1]);
    page.deleted(a.id, a);
    expect(page.tasks).toHaveLength(1);
    page.showAgain(a.id, a);
    expect(shown(page)).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
    expect([page.counts.pending, homePending(lists)]).toEqual([2, 2]);
    page.restored(a.id, a, { ...a, version: 4 });
    expect(shown(page)[0]).toEqual(['a', 4]);
    expect([page.counts.pending, homePending(lists)]).toEqual([2, 2]);
  });

  it('undone before the delete was answered: the answer does not take the row away again', () => {
    const a = aTask({ title: 'a', list_id: HOME, version: 3 });
    const { page, lists } = pageOf(a);
    page.hideDeleted(a.id, a);
    page.showAgain(a.id, a);
    expect(shown(page)).toEqual([['a', 3]]);
    page.deleted(a.id, a); // the delete's answer, after the undo
    expect(shown(page)).toEqual([['a', 3]]);
    page.restored(a.id, a, { ...a, version: 4 });
    expect(shown(page)).toEqual([['a', 4]]);
    expect([page.counts.pending, page.counts.all, homePending(lists)]).toEqual([1, 1, 1]);
  });

  it('deleted, undone and deleted again: the first answer leaves the second delete waiting', () => {
    const a = aTask({ title: 'a', list_id: HOME, version: 3 });
    const { page, lists } = pageOf(a);
    page.hideDeleted(a.id, a);
    page.showAgain(a.id, a);
    const again = { ...a };
    page.hideDeleted(a.id, again);
    page.deleted(a.id, a); // the first delete's answer
    page.unhideDeleted(a.id, a); // (or its refusal)
    // Still there, hidden: the restore's answer gives it the version the second delete sends.
    expect(page.find(a.id)).toBeDefined();
    expect(shown(page)).toEqual([]);
    expect([page.counts.pending, homePending(lists)]).toEqual([0, 0]);
    page.deleted(a.id, again);
    expect(page.tasks).toEqual([]);
    expect([page.counts.pending, homePending(lists)]).toEqual([0, 0]);
  });

  it('a restore refused: the task shown again leaves, counted out', () => {
    const a = aTask({ title: 'a', list_id: HOME });
    const { page, lists } = pageOf(a);
    page.hideDeleted(a.id, a);
    page.deleted(a.id, a);
    page.showAgain(a.id, a);
    page.gone(a.id, a);
    expect(page.tasks).toEqual([]);
    expect([page.counts.pending, homePending(lists)]).toEqual([0, 0]);
  });
});
