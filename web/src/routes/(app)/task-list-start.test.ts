import type { Task } from '@tasks/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aTask } from '$lib/store/task.test-helper';
import { TaskList } from './task-list.svelte';
import { ALL_TASKS, readView } from './task-query';

// The API's answers, held until the test lets them through: what matters is the order of the
// page read and the feed's starting cursor, which a live server could not make deterministic.
const reads = vi.hoisted(() => ({ pages: [] as ((tasks: Task[]) => void)[] }));
vi.mock('$lib/api/tasks', () => ({
  listTasks: () =>
    new Promise((resolve) => reads.pages.push((tasks) => resolve({ tasks, next: undefined }))),
  getCounts: () => Promise.resolve({ all: 1, pending: 1, completed: 0, tags: [] }),
}));

const tick = () => new Promise((resolve) => setTimeout(resolve));
afterEach(() => void (reads.pages = []));

describe('a page read and the feed it follows (decision 0024)', () => {
  it('reads the page only once the feed has fixed its starting cursor', async () => {
    let started = () => {};
    const feed = new Promise<void>((resolve) => (started = resolve));
    const list = new TaskList(readView(new URL('http://app.test/')), ALL_TASKS, undefined, feed);
    const loading = list.load(list.view);
    await tick();
    // Read before the cursor, a change committed in between would be in neither.
    expect(reads.pages).toHaveLength(0);
    started();
    await tick();
    expect(reads.pages).toHaveLength(1);
    reads.pages[0]!([]);
    await loading;
    expect(list.phase).toBe('ready');
  });

  it('applies again what the feed brought while the page was on its way', async () => {
    const list = new TaskList(readView(new URL('http://app.test/')), ALL_TASKS);
    const before = aTask({ title: 'before', version: 1 });
    const loading = list.load(list.view);
    await tick();
    // The feed (from a cursor taken before the read) brings version 2; the page still has 1.
    list.applyChanges([
      {
        entity: 'task',
        id: before.id,
        op: 'upsert',
        data: { ...before, title: 'after', version: 2 },
      },
    ]);
    reads.pages[0]!([before]);
    await loading;
    expect(list.tasks.map((task) => task.title)).toEqual(['after']);
    expect(list.counts.pending).toBe(1);
  });
});
