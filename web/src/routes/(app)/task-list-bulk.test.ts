import type { Task } from '@tasks/shared';
import { describe, expect, it, vi } from 'vitest';
import { aTask } from '$lib/store/task.test-helper';
import { HOME, list, pageWith as page, pendingOf, WORK } from './task-page.test-helper';
import type { TaskScope } from './task-query';

/** A page showing `tasks` (all in Home), with the lists' and the filters' counts they make. */
const pageWith = (...tasks: Task[]) => page(tasks);
const scopedPageWith = (scope: TaskScope, ...tasks: Task[]) =>
  page(tasks, 'http://app.test/', scope);
const byId = (tasks: Task[]) => new Map(tasks.map((task) => [task.id, task]));

describe('TaskList.applyBulk: a bulk answer keeps the page current without a re-read', () => {
  it('takes the answered versions, so the next write is sent with them', () => {
    const a = aTask({ title: 'a', list_id: HOME, version: 3 });
    const b = aTask({ title: 'b', list_id: HOME, version: 5 });
    const { page } = pageWith(a, b);
    const answer = [a, b].map((t) => ({ ...t, completed: true, version: t.version + 1 }));
    page.applyBulk(answer, [], byId([a, b]));
    expect(page.tasks.map((t) => [t.completed, t.version])).toEqual([
      [true, 4],
      [true, 6],
    ]);
    expect(page.counts).toMatchObject({ all: 2, pending: 0, completed: 2 });
  });

  it('counts from how the tasks were, not from what the page guessed meanwhile', () => {
    const a = aTask({ list_id: HOME });
    const { page, lists } = pageWith(a);
    // "Mark all complete" ticks the boxes at once, before the answer.
    page.tasks[0]!.completed = true;
    page.applyBulk([{ ...a, completed: true, version: 2 }], [], byId([a]));
    expect(page.counts).toMatchObject({ pending: 0, completed: 1 });
    expect(pendingOf(lists)).toEqual([0, 0]);
  });

  it('deletes: the ids leave the page and the counts', () => {
    const a = aTask({ list_id: HOME, completed: true });
    const b = aTask({ list_id: HOME });
    const { page } = pageWith(a, b);
    page.applyBulk([], [a.id], byId([a]));
    expect(page.tasks).toEqual([b]);
    expect(page.counts).toMatchObject({ all: 1, pending: 1, completed: 0 });
  });

  it('a version the feed already brought is not counted again', () => {
    const a = aTask({ list_id: HOME, version: 4 });
    const { page } = pageWith(a);
    page.applyBulk([{ ...a, completed: true, version: 3 }], [], byId([a]));
    expect(page.tasks[0]).toEqual(a);
    expect(page.counts).toMatchObject({ pending: 1, completed: 0 });
  });
});

describe('the lists’ pending counts after a bulk move', () => {
  it('move the moved tasks once, from the answer', () => {
    const a = aTask({ list_id: HOME });
    const b = aTask({ list_id: HOME });
    const { page, lists } = pageWith(a, b);
    const moved = [a, b].map((t) => ({ ...t, list_id: WORK, version: 2 }));
    page.applyBulk(moved, [], byId([a, b]));
    expect(pendingOf(lists)).toEqual([0, 2]);
  });

  it('are the feed’s own when it brings the move (another tab, another device)', () => {
    const a = aTask({ list_id: HOME });
    const b = aTask({ list_id: HOME });
    const { page, lists } = pageWith(a, b);
    // The feed trigger sends each list whose pending count a task write moved, count included,
    // beside the tasks; the layout hands the page to the lists store first.
    const changes = [
      { entity: 'list' as const, id: HOME, op: 'upsert' as const, data: list(HOME, 0) },
      { entity: 'list' as const, id: WORK, op: 'upsert' as const, data: list(WORK, 2) },
      ...[a, b].map((t) => ({
        entity: 'task' as const,
        id: t.id,
        op: 'upsert' as const,
        data: { ...t, list_id: WORK, version: 2 },
      })),
    ];
    lists.applyChanges(changes);
    page.applyChanges(changes);
    expect(pendingOf(lists)).toEqual([0, 2]);
    expect(page.counts).toMatchObject({ all: 2, pending: 2 });
  });
});

describe('a bulk move shown before its answer (offline, it waits for the network)', () => {
  it('leaves a view of the old list at once; the answer then counts it once, with no re-read', () => {
    const a = aTask({ title: 'a', list_id: HOME });
    const b = aTask({ title: 'b', list_id: HOME });
    const { page, lists } = scopedPageWith({ path: '/lists/home', listId: HOME }, a, b);
    const reload = vi.spyOn(page, 'reload').mockImplementation(() => undefined);
    page.showMoved([a.id], WORK);
    expect(page.tasks.map((t) => t.title)).toEqual(['b']);
    expect(pendingOf(lists)).toEqual([2, 0]);
    page.applyBulk([{ ...a, list_id: WORK, version: 2 }], [], byId([a]));
    expect(pendingOf(lists)).toEqual([1, 1]);
    // The filters count every task of the user's: a move leaves them as they were.
    expect(page.counts).toMatchObject({ all: 2, pending: 2 });
    expect(reload).not.toHaveBeenCalled();
  });

  it('stays in a view of every list, showing its new list', () => {
    const a = aTask({ list_id: HOME });
    const { page } = pageWith(a);
    page.showMoved([a.id], WORK);
    expect(page.tasks.map((t) => t.list_id)).toEqual([WORK]);
  });
});
