import {
  apiPaths,
  BulkResultSchema,
  ChangePageSchema,
  TaskHistorySchema,
  type Change,
} from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { newList, share } from '../../../test/sharing.ts';
import { postTask, readTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

// The bulk restore (`POST /tasks/bulk {action: "restore"}`) after a bulk delete or a clear
// completed, and what the feed tells about a delete and its restore (decision 0034).

const bulkCall = (user: TestUser, action: string, ids: string[]) =>
  user.call(apiPaths.tasksBulk, json('POST', { action, ids }));

async function bulk(user: TestUser, action: string, ids: string[]) {
  const res = await bulkCall(user, action, ids);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(dbRoundTrips(res)).toBe(1);
  return BulkResultSchema.parse(JSON.parse(text));
}

/** Every change of `user` after `cursor`, and the cursor after them. */
async function changesAfter(user: TestUser, cursor?: string) {
  const changes: Change[] = [];
  for (;;) {
    const query = cursor === undefined ? '' : `?cursor=${cursor}`;
    const page = ChangePageSchema.parse(await (await user.call(apiPaths.changes + query)).json());
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.has_more) return { changes, cursor };
  }
}

const historyOf = async (user: TestUser, id: string) =>
  TaskHistorySchema.parse(await (await user.call(apiPaths.taskHistory(id))).json());

let owner: TestUser;

beforeAll(async () => {
  owner = await newUser('bulk-undelete');
});

describe('bulk restore', () => {
  it('brings back a bulk delete, each task as it was, one version on', async () => {
    const a = await postTask(owner, { title: 'a', tags: ['x'], priority: 'Low' });
    const b = await postTask(owner, { title: 'b', due_date: '2026-03-01', due_time: '08:00' });
    const deleted = await bulk(owner, 'delete', [a.id, b.id]);
    expect(deleted).toEqual({ updated: [a.id, b.id], not_found: [], tasks: [] });
    const back = await bulk(owner, 'restore', [b.id, a.id]);
    expect(back.updated).toEqual([b.id, a.id]);
    expect(back.not_found).toEqual([]);
    const byId = new Map(back.tasks.map((task) => [task.id, task]));
    for (const before of [a, b]) {
      const now = await readTask(owner, before.id);
      expect(byId.get(before.id)).toEqual(now);
      expect(now).toEqual({ ...before, version: before.version + 1, updated_at: now.updated_at });
    }
  });

  it('brings back what clear completed deleted, with its history', async () => {
    const done = await postTask(owner, { title: 'done', completed: true });
    const series = await postTask(owner, {
      title: 'series',
      due_date: '2026-01-05',
      recurrence: { rrule: 'FREQ=DAILY;COUNT=2', repeat_from: 'due' },
    });
    const skip = await owner.call(apiPaths.taskSkip(series.id), json('POST', {}));
    expect(skip.status).toBe(200);
    await owner.call(apiPaths.taskCompletion(series.id), json('POST', { completed: true }));
    const finished = await readTask(owner, series.id);
    const kept = await historyOf(owner, series.id);
    expect(finished.completed).toBe(true);
    expect(kept.length).toBeGreaterThan(0);
    const cleared = await owner.call(`${apiPaths.tasks}?status=completed`, { method: 'DELETE' });
    expect(((await cleared.json()) as { deleted: number }).deleted).toBeGreaterThanOrEqual(2);
    const back = await bulk(owner, 'restore', [done.id, series.id]);
    expect(back.updated).toEqual([done.id, series.id]);
    const now = await readTask(owner, series.id);
    expect(now).toEqual({ ...finished, version: finished.version + 1, updated_at: now.updated_at });
    expect(await historyOf(owner, series.id)).toEqual(kept);
  });

  it('mixes archived, live and unknown ids: live ones updated, unknown not found', async () => {
    const gone = await postTask(owner, { title: 'gone' });
    const live = await postTask(owner, { title: 'live' });
    const unknown = crypto.randomUUID();
    await bulk(owner, 'delete', [gone.id]);
    const result = await bulk(owner, 'restore', [gone.id, live.id, unknown]);
    expect(result.updated).toEqual([gone.id, live.id]);
    expect(result.not_found).toEqual([unknown]);
    expect(result.tasks).toEqual([await readTask(owner, gone.id)]);
    expect(await readTask(owner, live.id)).toEqual(live);
  });

  it('is a 403 that restores nothing when one id is in a list the caller only reads', async () => {
    const viewer = await newUser('bulk-undelete-viewer');
    const list = await newList(owner, 'Read only');
    await share(owner, list.id, viewer, 'viewer');
    const theirs = await postTask(owner, { title: 'theirs', list_id: list.id });
    const mine = await postTask(viewer, { title: 'mine' });
    await bulk(owner, 'delete', [theirs.id]);
    await bulk(viewer, 'delete', [mine.id]);
    await expectProblem(await bulkCall(viewer, 'restore', [mine.id, theirs.id]), 403);
    expect((await viewer.call(apiPaths.task(mine.id))).status).toBe(404);
    // A live task of the read-only list is the same 403.
    await bulk(owner, 'restore', [theirs.id]);
    await expectProblem(await bulkCall(viewer, 'restore', [mine.id, theirs.id]), 403);
    expect((await bulk(viewer, 'restore', [mine.id])).updated).toEqual([mine.id]);
  });
});

describe('the feed of a delete and its restore', () => {
  it('tells every member a tombstone, then the task again as a read shows it', async () => {
    const member = await newUser('feed-undelete');
    const list = await newList(owner, 'Followed');
    await share(owner, list.id, member, 'editor');
    const task = await postTask(owner, { title: 'followed', list_id: list.id });
    const { cursor } = await changesAfter(member);
    expect((await owner.call(apiPaths.task(task.id), { method: 'DELETE' })).status).toBe(204);
    const deleted = await changesAfter(member, cursor);
    expect(deleted.changes.filter((c) => c.id === task.id)).toEqual([
      { entity: 'task', id: task.id, op: 'delete' },
    ]);
    expect((await owner.call(apiPaths.taskRestore(task.id), { method: 'POST' })).status).toBe(200);
    const { changes } = await changesAfter(member, deleted.cursor);
    expect(changes.filter((c) => c.id === task.id)).toEqual([
      { entity: 'task', id: task.id, op: 'upsert', data: await readTask(member, task.id) },
    ]);
  });
});
