import type { Task } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '$lib/offline/outbox';
import { aTask } from '$lib/store/task.test-helper';
import type { TaskList } from './task-list.svelte';
import { showLeftBehind } from './task-left-behind';
import { HOME, pageWith, pendingOf, WORK } from './task-page.test-helper';

const NEW = 'b1a9d9a4-0000-4000-8000-0000000000aa';

/** The pending view as recalled from the device: `tasks`, all pending, all in Home. */
const recalled = (...tasks: Task[]) => pageWith(tasks, 'http://app.test/?status=pending');

const entry = (write: Record<string, unknown>, seq: number) =>
  ({ ...write, seq, user: 'u' }) as OutboxEntry;
const titles = (page: TaskList) => page.tasks.map((task) => task.title);

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
