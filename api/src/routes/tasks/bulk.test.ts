import {
  apiPaths,
  BulkResultSchema,
  ClearedSchema,
  TagCountSchema,
  type Task,
} from '@tasks/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { listAll, postTask, readTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

let user: TestUser;

beforeEach(async () => {
  user = await newUser('bulk');
});

const bulk = async (action: string, ids: string[]) => {
  const res = await user.call(apiPaths.tasksBulk, json('POST', { action, ids }));
  expect(res.status).toBe(200);
  return BulkResultSchema.parse(await res.json());
};

describe('POST /tasks/bulk', () => {
  it('completes and reopens owned tasks, reporting unknown ids as not_found', async () => {
    const open = await postTask(user, { title: 'open' });
    const done = await postTask(user, { title: 'done', completed: true });
    const ghost = crypto.randomUUID();
    const result = await bulk('complete', [open.id, done.id.toUpperCase(), ghost, open.id]);
    // The answer carries what changed as a read finds it (a client keeps its versions).
    expect(result).toEqual({
      updated: [open.id, done.id],
      not_found: [ghost],
      tasks: [await readTask(user, open.id)],
    });
    expect(result.tasks[0]).toMatchObject({ completed: true, version: 2 });
    // Already complete: reported as updated, left untouched, not among the changed tasks.
    expect(await readTask(user, done.id)).toEqual(done);

    const reopened = await bulk('reopen', [open.id, done.id]);
    expect(reopened).toMatchObject({ updated: [open.id, done.id], not_found: [] });
    const byId = (a: Task, b: Task) => a.id.localeCompare(b.id);
    expect(reopened.tasks.sort(byId)).toEqual((await listAll(user)).sort(byId));
    for (const task of reopened.tasks) {
      expect(task).toMatchObject({ completed: false, completed_at: null });
    }
  });

  it('answers a recurring task completed in bulk as it advanced', async () => {
    const daily = await postTask(user, {
      title: 'daily',
      due_date: '2026-01-05',
      recurrence: { rrule: 'FREQ=DAILY' },
    });
    const result = await bulk('complete', [daily.id]);
    expect(result.tasks).toEqual([await readTask(user, daily.id)]);
    expect(result.tasks[0]?.completed).toBe(false);
    expect(result.tasks[0]?.occurrence).toBeGreaterThan(daily.occurrence);
  });

  it('deletes owned tasks', async () => {
    const a = await postTask(user, { title: 'a' });
    const b = await postTask(user, { title: 'b' });
    const ghost = crypto.randomUUID();
    expect(await bulk('delete', [a.id, ghost])).toEqual({
      updated: [a.id],
      not_found: [ghost],
      tasks: [],
    });
    expect((await listAll(user)).map((task) => task.id)).toEqual([b.id]);
  });

  it.each([
    [{ action: 'archive', ids: ['0b6f1c1e-2f43-4f7e-9d1c-3c1c0e6b8a11'] }, 'action'],
    [{ action: 'delete', ids: [] }, 'ids'],
    [{ action: 'delete', ids: Array(501).fill('0b6f1c1e-2f43-4f7e-9d1c-3c1c0e6b8a11') }, 'ids'],
    [{ action: 'delete', ids: ['nope'] }, 'ids.0'],
    [{ action: 'delete', ids: 'x' }, 'ids'],
    [{ action: 'delete' }, 'ids'],
  ])('refuses %j naming %s', async (body, path) => {
    const res = await user.call(apiPaths.tasksBulk, json('POST', body));
    await expectProblem(res, 400, { errors: [expect.objectContaining({ path })] });
  });
});

describe('DELETE /tasks?status=completed', () => {
  it('deletes only the completed tasks and says how many', async () => {
    await postTask(user, { title: 'keep' });
    await postTask(user, { title: 'gone 1', completed: true });
    await postTask(user, { title: 'gone 2', completed: true });
    const res = await user.call(`${apiPaths.tasks}?status=completed`, { method: 'DELETE' });
    expect(ClearedSchema.parse(await res.json())).toEqual({ deleted: 2 });
    expect((await listAll(user)).map((task) => task.title)).toEqual(['keep']);
  });

  it.each(['', '?status=all', '?status=pending'])('refuses DELETE /tasks%s', async (query) => {
    await postTask(user, { title: 'safe' });
    const res = await user.call(`${apiPaths.tasks}${query}`, { method: 'DELETE' });
    await expectProblem(res, 400, { errors: [expect.objectContaining({ path: 'status' })] });
    expect(await listAll(user)).toHaveLength(1);
  });
});

describe('GET /tags', () => {
  it('counts each tag over the caller’s tasks, most used first, then by name', async () => {
    await postTask(user, { title: '1', tags: ['work', 'urgent'] });
    await postTask(user, { title: '2', tags: ['Work', 'home'] });
    await postTask(user, { title: '3', tags: ['work', 'home', 'zebra'] });
    await postTask(user, { title: '4' });
    const res = await user.call(apiPaths.tags);
    expect(TagCountSchema.array().parse(await res.json())).toEqual([
      { name: 'work', count: 3 },
      { name: 'home', count: 2 },
      { name: 'urgent', count: 1 },
      { name: 'zebra', count: 1 },
    ]);
  });

  it('is an empty list for a user without tags', async () => {
    expect(await (await user.call(apiPaths.tags)).json()).toEqual([]);
  });
});
