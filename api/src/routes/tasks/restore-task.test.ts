import { apiPaths, TaskHistorySchema, TaskSchema, type Task } from '@tasks/shared';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { newList, remove, share } from '../../../test/sharing.ts';
import { postTask, readTask } from '../../../test/tasks.ts';
import { localDay, taskCall } from '../../../test/time.ts';
import { newUser, type TestUser } from '../../../test/users.ts';
import { createDb } from '../../db/client.ts';
import { createMeter } from '../../db/meter.ts';
import { getEnv } from '../../env.ts';

// POST /tasks/{id}/restore: the undo of a delete brings the same task back (decision 0034).

/** Direct SQL, for what no route does: age an archive, remove an account. */
const db = () => createDb(getEnv(env), createMeter());

const history = async (user: TestUser, id: string) =>
  TaskHistorySchema.parse(await (await user.call(apiPaths.taskHistory(id))).json());

const del = async (user: TestUser, id: string) =>
  expect((await user.call(apiPaths.task(id), { method: 'DELETE' })).status).toBe(204);

const restore = (user: TestUser, id: string) =>
  user.call(apiPaths.taskRestore(id), { method: 'POST' });

async function restored(user: TestUser, id: string): Promise<Task> {
  const res = await restore(user, id);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(dbRoundTrips(res)).toBe(1);
  const task = TaskSchema.parse(JSON.parse(text));
  expect(res.headers.get('etag')).toBe(`"${task.version}"`);
  return task;
}

let owner: TestUser;
let editor: TestUser;

beforeAll(async () => {
  [owner, editor] = await Promise.all([newUser('undelete-owner'), newUser('undelete-editor')]);
});

describe('restoring a deleted task', () => {
  it('brings back the same task, every field, its history; one version on', async () => {
    const list = await newList(owner, 'Restored into');
    await share(owner, list.id, editor, 'editor');
    const created = await postTask(owner, {
      title: 'Standup',
      description: 'every morning',
      priority: 'High',
      tags: ['work', 'daily'],
      list_id: list.id,
      due_date: localDay(1),
      due_time: '09:30',
      time_zone: 'Europe/Paris',
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
      reminders: [{ before_minutes: 15 }],
    });
    await taskCall(owner, apiPaths.task(created.id), json('PATCH', { assignee_id: editor.id }));
    await taskCall(owner, apiPaths.taskSkip(created.id), json('POST', {}));
    const before = await readTask(owner, created.id);
    const kept = await history(owner, created.id);
    expect(kept).toHaveLength(1);
    await del(owner, created.id);
    expect((await owner.call(apiPaths.task(created.id))).status).toBe(404);

    const back = await restored(owner, created.id);
    expect(back).toEqual({ ...before, version: before.version + 1, updated_at: back.updated_at });
    expect(Date.parse(back.updated_at)).toBeGreaterThanOrEqual(Date.parse(before.updated_at));
    expect(back).toMatchObject({ assignee_id: editor.id, occurrence: 2, list_id: list.id });
    expect(await readTask(editor, created.id)).toEqual(back);
    expect(await history(owner, created.id)).toEqual(kept);
  });

  it('a repeated restore answers the task as it is; deleting it again works', async () => {
    const task = await postTask(owner, { title: 'Twice' });
    await del(owner, task.id);
    const first = await restored(owner, task.id);
    expect(first.version).toBe(task.version + 1);
    // An empty JSON body is no body, as for the other bodyless routes.
    const again = await owner.call(apiPaths.taskRestore(task.id), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(again.status).toBe(200);
    expect(TaskSchema.parse(await again.json())).toEqual(first);
    await del(owner, task.id);
    const second = await restored(owner, task.id);
    expect(second).toMatchObject({ id: task.id, title: 'Twice', version: first.version + 1 });
  });

  it('may be done by another writer of the list, not by a viewer, stranger or former member', async () => {
    const [viewer, stranger, former] = await Promise.all([
      newUser('undelete-viewer'),
      newUser('undelete-stranger'),
      newUser('undelete-former'),
    ]);
    const list = await newList(owner, 'Team');
    await share(owner, list.id, editor, 'editor');
    await share(owner, list.id, viewer, 'viewer');
    await share(owner, list.id, former, 'editor');
    const task = await postTask(owner, { title: 'Shared', list_id: list.id });
    await del(former, task.id);
    await remove(owner, list.id, former);
    await expectProblem(await restore(viewer, task.id), 403);
    await expectProblem(await restore(stranger, task.id), 404);
    await expectProblem(await restore(former, task.id), 404);
    expect(await restored(editor, task.id)).toMatchObject({ id: task.id, created_by: owner.id });
    // Live now: still a 403 for the viewer (a write) and a 404 for who cannot see it.
    await expectProblem(await restore(viewer, task.id), 403);
    await expectProblem(await restore(stranger, task.id), 404);
  });

  it('unassigns an assignee who left the list and forgets a completer who is gone', async () => {
    const [leaver, gone] = await Promise.all([
      newUser('undelete-leaver'),
      newUser('undelete-gone'),
    ]);
    const list = await newList(owner, 'Changing');
    await share(owner, list.id, leaver, 'editor');
    await share(owner, list.id, gone, 'editor');
    const task = await postTask(owner, { title: 'Assigned', list_id: list.id });
    await taskCall(owner, apiPaths.task(task.id), json('PATCH', { assignee_id: leaver.id }));
    await taskCall(gone, apiPaths.taskCompletion(task.id), json('POST', { completed: true }));
    await del(owner, task.id);
    await remove(owner, list.id, leaver);
    await db().execute(sql`delete from users where id = ${gone.id}`);
    const back = await restored(owner, task.id);
    expect(back).toMatchObject({ assignee_id: null, completed_by: null, completed: true });
  });

  it('answers 404 for an unknown or malformed id, a deleted list and an expired archive', async () => {
    await expectProblem(await restore(owner, crypto.randomUUID()), 404);
    await expectProblem(await restore(owner, 'not-a-uuid'), 404);
    const list = await newList(owner, 'Going');
    const inList = await postTask(owner, { title: 'In a list', list_id: list.id });
    await del(owner, inList.id);
    expect((await owner.call(apiPaths.list(list.id), { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await restore(owner, inList.id), 404);
    const old = await postTask(owner, { title: 'Long ago' });
    await del(owner, old.id);
    await db().execute(
      sql`update deleted_tasks set deleted_at = now() - interval '30 days 1 minute'
        where task_id = ${old.id}`,
    );
    await expectProblem(await restore(owner, old.id), 404);
  });

  it('sweeps archives older than 31 days, oldest first, and nothing younger', async () => {
    const [old, young] = await Promise.all([
      postTask(owner, { title: 'swept' }),
      postTask(owner, { title: 'kept' }),
    ]);
    await del(owner, old.id);
    await del(owner, young.id);
    await db().execute(
      sql`update deleted_tasks set deleted_at = now() - interval '32 days' where task_id = ${old.id}`,
    );
    await db().execute(sql`select deleted_tasks_sweep(10000)`);
    const left = await db().execute<{ task_id: string }>(
      sql`select task_id from deleted_tasks where task_id in (${old.id}, ${young.id})`,
    );
    expect(left.rows.map((row) => row.task_id)).toEqual([young.id]);
  });
});
