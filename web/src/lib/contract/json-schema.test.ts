import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as shared from '@tasks/shared';
import * as projected from 'virtual:contract';
import { aTask } from '../store/task.test-helper';
import { accepts, ContractError, parse } from './json-schema';

// Valid as the contract checks it: uuids, a due instant, an `updated_at` without milliseconds.
const task = aTask({
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  title: 'Buy milk',
  priority: 'High',
  due_at: '2026-02-01T17:00:00.000Z',
  tags: ['home'],
  user_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  list_id: '9b2f3c1e-5a4d-4e6f-8a7b-1c2d3e4f5a6b',
  created_by: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  updated_at: '2026-01-01T00:00:00Z',
});

/** Values close to a valid task: each field replaced by an arbitrary JSON value, or removed. */
const nearTask = fc
  .record({
    key: fc.constantFrom(...Object.keys(task)),
    replacement: fc.oneof(
      fc.jsonValue(),
      fc.constant(undefined),
      fc.constantFrom('2026-13-01T00:00:00Z', '2026-01-01', 'Urgent', 'not-a-uuid', -1, 1.5, 0),
    ),
  })
  .map(({ key, replacement }) => {
    const copy: Record<string, unknown> = { ...task };
    if (replacement === undefined) delete copy[key];
    else copy[key] = replacement;
    return copy;
  });

describe('the contract checker agrees with the shared zod schemas', () => {
  it('accepts a valid task and rejects a broken one with the field path', () => {
    expect(parse(projected.TaskSchema, task)).toBe(task);
    expect(() => parse(projected.TaskSchema, { ...task, priority: 'Urgent' })).toThrow(
      ContractError,
    );
    try {
      parse(projected.TaskSchema, { ...task, tags: ['ok', 3] });
    } catch (error) {
      expect((error as ContractError).path).toBe('tags.1');
    }
  });

  it('gives the same verdict as zod on tasks with one field changed', () => {
    fc.assert(
      fc.property(nearTask, (value) => {
        expect(accepts(projected.TaskSchema, value)).toBe(
          shared.TaskSchema.safeParse(value).success,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with zod on the counts, their bounds included', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `t${i}`, count: 1 }));
    const counts = { all: 3, pending: 2, completed: 1, tags: tags(2) };
    for (const value of [
      counts,
      { ...counts, pending: -1 },
      { ...counts, all: 1.5 },
      { ...counts, tags: tags(shared.TAG_COUNTS_MAX) },
      { ...counts, tags: tags(shared.TAG_COUNTS_MAX + 1) },
    ]) {
      expect(accepts(projected.TaskCountsSchema, value)).toBe(
        shared.TaskCountsSchema.safeParse(value).success,
      );
    }
  });

  it('gives the same verdict as zod on arbitrary JSON for every response schema', () => {
    const pairs = [
      [projected.ProblemSchema, shared.ProblemSchema],
      [projected.AccessTokenSchema, shared.AccessTokenSchema],
      [projected.TagCountSchema, shared.TagCountSchema],
      [projected.TaskCountsSchema, shared.TaskCountsSchema],
      [projected.BulkResultSchema, shared.BulkResultSchema],
      [projected.HealthSchema, shared.HealthSchema],
    ] as const;
    for (const [json, zod] of pairs) {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          expect(accepts(json, value)).toBe(zod.safeParse(value).success);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('carries the shared constants and paths unchanged', () => {
    expect(projected.PRIORITIES).toEqual(shared.PRIORITIES);
    expect(projected.TASK_SORT_KEYS).toEqual(shared.TASK_SORT_KEYS);
    expect(projected.apiPaths.task('a b')).toBe(shared.apiPaths.task('a b'));
  });
});
