import type { Task, TaskCounts } from '@tasks/shared';
import { TAG_COUNTS_MAX } from 'virtual:contract';
import { describe, expect, it } from 'vitest';
import { recount } from './task-counts';
import { aTask } from '$lib/store/task.test-helper';

const task = (completed: boolean, tags: string[]): Task => aTask({ completed, tags });

const start = (): TaskCounts => ({
  all: 2,
  pending: 1,
  completed: 1,
  tags: [
    { name: 'work', count: 2 },
    { name: 'home', count: 1 },
  ],
});

describe('recount', () => {
  it('adds a created task and takes away a deleted one', () => {
    const counts = start();
    const created = task(false, ['home', 'new']);
    recount(counts, undefined, created);
    expect(counts).toEqual({
      all: 3,
      pending: 2,
      completed: 1,
      tags: [
        { name: 'home', count: 2 },
        { name: 'work', count: 2 },
        { name: 'new', count: 1 },
      ],
    });
    recount(counts, created, undefined);
    expect(counts).toEqual(start());
  });

  it('moves a toggled task between pending and completed, tags untouched', () => {
    const counts = start();
    const open = task(false, ['work']);
    recount(counts, open, { ...open, completed: true });
    expect(counts).toEqual({ ...start(), pending: 0, completed: 2 });
  });

  it('drops a tag whose last task lost it and ignores tags beyond the listed ones', () => {
    const counts = start();
    const before = task(true, ['home', 'unlisted']);
    recount(counts, before, { ...before, tags: ['work'] });
    expect(counts.tags).toEqual([{ name: 'work', count: 3 }]);
  });

  it('adds a tag it has not seen only when the API listed every tag', () => {
    const full = Array.from({ length: TAG_COUNTS_MAX }, (_, i) => ({ name: `t${i}`, count: 5 }));
    const counts = { ...start(), tags: full };
    recount(counts, undefined, task(false, ['beyond']));
    expect(counts.tags).toEqual(full);
    const some = start();
    recount(some, undefined, task(false, ['brand-new']));
    expect(some.tags).toContainEqual({ name: 'brand-new', count: 1 });
  });
});
