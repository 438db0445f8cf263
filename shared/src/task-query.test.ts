import { describe, expect, it } from 'vitest';
import { ClearQuerySchema, TaskListQuerySchema } from './task-query.ts';

const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.')).sort();

describe('TaskListQuerySchema', () => {
  it('defaults to every task, newest first, 50 a page', () => {
    expect(TaskListQuerySchema.parse({})).toEqual({
      status: 'all',
      sort: 'created_at',
      order: 'desc',
      limit: 50,
    });
  });

  it('parses query strings: a single or repeated parameter becomes an array', () => {
    const query = TaskListQuerySchema.parse({
      priority: 'High',
      tag: [' Work ', 'home'],
      limit: '200',
      due_before: '2026-02-01T00:00:00+01:00',
    });
    expect(query).toMatchObject({
      priority: ['High'],
      tag: ['work', 'home'],
      limit: 200,
      due_before: '2026-01-31T23:00:00.000Z',
    });
  });

  it.each([
    [{ limit: '0' }, ['limit']],
    [{ limit: '100000' }, ['limit']],
    [{ limit: 'ten' }, ['limit']],
    [{ limit: '1.5' }, ['limit']],
    [{ sort: 'id' }, ['sort']],
    [{ order: 'up' }, ['order']],
    [{ status: 'done' }, ['status']],
    [{ priority: ['High', 'Urgent'] }, ['priority.1']],
    [{ tag: '' }, ['tag.0']],
    [{ due_after: 'yesterday' }, ['due_after']],
    [{ q: 'x'.repeat(201) }, ['q']],
    [{ q: 'a\u0000b' }, ['q']],
    [{ cursor: 'c'.repeat(2049) }, ['cursor']],
    [{ offset: '10' }, ['']],
  ])('rejects %j naming %j', (input, expected) => {
    expect(paths(TaskListQuerySchema.safeParse(input))).toEqual(expected);
  });
});

describe('ClearQuerySchema', () => {
  it('only clears completed tasks, and only when asked to', () => {
    expect(ClearQuerySchema.parse({ status: 'completed' })).toEqual({ status: 'completed' });
    expect(ClearQuerySchema.safeParse({}).success).toBe(false);
    expect(ClearQuerySchema.safeParse({ status: 'all' }).success).toBe(false);
  });
});
