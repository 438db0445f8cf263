import type { Task } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { TaskList } from './task-list.svelte';
import { ALL_TASKS, readView } from './task-query';
import { aTask } from '$lib/store/task.test-helper';

const task = (title: string, version = 1, completed = false): Task =>
  aTask({ title, version, completed });

/** A store showing `tasks` as loaded, with their counts, in the default view. */
function storeWith(...tasks: Task[]) {
  const list = new TaskList(readView(new URL('http://app.test/')), ALL_TASKS);
  list.tasks = tasks;
  const pending = tasks.filter((t) => !t.completed).length;
  list.counts = { all: tasks.length, pending, completed: tasks.length - pending, tags: [] };
  return list;
}

describe('TaskList.applyChanges', () => {
  it('takes a newer version of a shown task and moves the counts', () => {
    const shown = task('old');
    const list = storeWith(shown);
    list.applyChanges([
      {
        entity: 'task',
        id: shown.id,
        op: 'upsert',
        data: { ...shown, title: 'new', version: 2, completed: true },
      },
    ]);
    expect(list.tasks.map((t) => t.title)).toEqual(['new']);
    expect(list.counts).toMatchObject({ pending: 0, completed: 1 });
  });

  it('ignores a version it already has (its own write, fed back)', () => {
    const shown = task('mine', 3);
    const list = storeWith(shown);
    list.applyChanges([
      {
        entity: 'task',
        id: shown.id,
        op: 'upsert',
        data: { ...shown, title: 'stale', version: 3 },
      },
    ]);
    expect(list.tasks[0]!.title).toBe('mine');
  });

  it('drops a deleted task and counts it out; a delete of an unknown task is nothing', () => {
    const a = task('a');
    const b = task('b');
    const list = storeWith(a, b);
    list.applyChanges([
      { entity: 'task', id: a.id, op: 'delete' },
      { entity: 'task', id: crypto.randomUUID(), op: 'delete' },
      { entity: 'list', id: 'l', op: 'delete' },
    ]);
    expect(list.tasks.map((t) => t.title)).toEqual(['b']);
    expect(list.counts).toMatchObject({ all: 1, pending: 1 });
  });
});
