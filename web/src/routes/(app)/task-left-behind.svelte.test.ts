import type { List, Task } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '$lib/offline/outbox';
import { ListStore } from '$lib/store/lists.svelte';
import { aTask } from '$lib/store/task.test-helper';
import { TaskList } from './task-list.svelte';
import { showLeftBehind } from './task-left-behind';
import { ALL_TASKS, readView } from './task-query';

const HOME = 'b1a9d9a4-0000-4000-8000-000000000001';
const WORK = 'b1a9d9a4-0000-4000-8000-000000000002';
const NEW = 'b1a9d9a4-0000-4000-8000-0000000000aa';

const list = (id: string, pending_count: number): List => ({
  ...{ id, name: id === HOME ? 'Home' : 'Work', color: 'blue', is_inbox: id === HOME },
  ...{ archived: false, position: 0, role: 'owner', member_count: 1, pending_count },
  ...{ created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' },
});

/** The pending view as recalled from the device: `tasks`, all pending, all in Home. */
function recalled(...tasks: Task[]) {
  const lists = new ListStore();
  lists.lists = [list(HOME, tasks.length), list(WORK, 0)];
  const page = new TaskList(readView(new URL('http://app.test/?status=pending')), ALL_TASKS, lists);
  page.tasks = tasks;
  page.counts = { all: tasks.length, pending: tasks.length, completed: 0, tags: [] };
  return { page, lists };
}

const entry = (write: Record<string, unknown>, seq: number) =>
  ({ ...write, seq, user: 'u' }) as OutboxEntry;
const titles = (page: TaskList) => page.tasks.map((task) => task.title);
const pendingOf = (lists: ListStore) => lists.lists.map((l) => l.pending_count);

describe('showLeftBehind: writes still in the outbox, shown on a view recalled from before them', () => {
  const a = aTask({ title: 'a', list_id: HOME });
  const b = aTask({ title: 'b', list_id: HOME });
  const c = aTask({ title: 'c', list_id: HOME });

  it('hides a deleted task, shows a created one and an edit, and counts them', () => {
    const { page, lists } = recalled(a, b, c);
    showLeftBehind(page, [
      entry({ kind: 'create', key: NEW, body: { title: 'new' } }, 1),
      entry({ kind: 'edit', key: a.id, id: a.id, version: 1, changes: { title: 'a2' } }, 2),
      entry({ kind: 'edit', key: b.id, id: b.id, version: 1, changes: { completed: true } }, 3),
      // Created on the page that deleted it: journaled under its temporary key, with its id.
      entry({ kind: 'delete', key: 'tmp-c', id: c.id, version: 1 }, 4),
    ]);
    expect(titles(page)).toEqual(['new', 'a2']);
    expect(page.counts).toMatchObject({ all: 3, pending: 2, completed: 1 });
    expect(pendingOf(lists)).toEqual([2, 0]);
  });

  it('shows a deleted task restored again, and leaves an occurrence put back to the server', () => {
    const { page, lists } = recalled(a, b);
    showLeftBehind(page, [
      entry({ kind: 'delete', key: a.id, id: a.id, version: 1 }, 1),
      entry({ kind: 'restore', key: a.id, id: a.id, task: a }, 2),
      entry({ kind: 'occurrence', key: b.id, id: b.id, version: 2, occurrence: 1 }, 3),
    ]);
    expect(titles(page)).toEqual(['a', 'b']);
    expect(page.counts).toMatchObject({ all: 2, pending: 2 });
    expect(pendingOf(lists)).toEqual([2, 0]);
  });

  it('changes nothing when the recalled view already shows the writes', () => {
    const { page, lists } = recalled(
      aTask({ ...a, title: 'a2' }),
      aTask({ id: NEW, title: 'new' }),
    );
    const before = $state.snapshot(page.counts);
    showLeftBehind(page, [
      entry({ kind: 'create', key: NEW, body: { title: 'new' } }, 1),
      entry({ kind: 'edit', key: a.id, id: a.id, version: 1, changes: { title: 'a2' } }, 2),
      entry({ kind: 'delete', key: c.id, id: c.id, version: 1 }, 3),
    ]);
    expect(titles(page)).toEqual(['a2', 'new']);
    expect(page.counts).toEqual(before);
    expect(pendingOf(lists)).toEqual([2, 0]);
  });

  it('shows a bulk write on each of its tasks: completed out of the pending view, moved', () => {
    const { page, lists } = recalled(a, b, c);
    showLeftBehind(page, [
      entry({ kind: 'bulk', key: 'k1', action: 'complete', keys: [a.id], versions: [1] }, 1),
      entry(
        {
          ...{ kind: 'bulk', key: 'k2', action: 'move', keys: ['tmp-b', NEW] },
          ...{ ids: [b.id, NEW], versions: [1, 0], list_id: WORK },
        },
        2,
      ),
    ]);
    expect(titles(page)).toEqual(['b', 'c']);
    expect(page.find(b.id)?.list_id).toBe(WORK);
    expect(pendingOf(lists)).toEqual([1, 1]);
  });
});
