import { apiPaths, ChangePageSchema, type Change, type Task } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../test/api.ts';
import {
  inMinutes,
  pushesOf,
  runScheduler,
  subscribeDevice,
  upcoming,
} from '../../test/reminders.ts';
import { newList, share } from '../../test/sharing.ts';
import { postTask, readTask } from '../../test/tasks.ts';
import { newUser, type TestUser } from '../../test/users.ts';

// Reminder changes reach every device through the change feed (decision 0026): a reminder that
// fires changes no task row, so migration 0014 tells the list's members of it; a snooze (as the
// service worker writes it) and a cancel are task writes the feed already carries.

let owner: TestUser;
let member: TestUser;

/** Every change of `user` after `cursor`, following `has_more`, and the cursor after them. */
async function follow(user: TestUser, cursor?: string) {
  const changes: Change[] = [];
  for (;;) {
    const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
    const res = await user.call(`${apiPaths.changes}${query}`);
    expect(res.status).toBe(200);
    const page = ChangePageSchema.parse(await res.json());
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.has_more) return { changes, cursor };
  }
}

/** The task upserts of `id` among `changes`, as the feed answered them. */
const upsertsOf = (changes: Change[], id: string) =>
  changes.filter((c) => c.entity === 'task' && c.id === id && c.op === 'upsert') as {
    data: Task;
  }[];

beforeAll(async () => {
  owner = await newUser('remind-feed-owner');
  member = await newUser('remind-feed-member');
});

describe('reminders in the change feed', () => {
  it('a reminder firing, a snooze and a cancel each reach the other members', async () => {
    const device = await subscribeDevice(owner);
    const list = await newList(owner, 'Reminded together');
    await share(owner, list.id, member, 'editor');
    const task = await postTask(owner, {
      title: 'Feed the cat',
      list_id: list.id,
      due_at: inMinutes(40),
      reminders: [{ before_minutes: 10 }],
    });
    let { cursor } = await follow(member);
    const [row] = (await upcoming(owner)).filter((r) => r.task_id === task.id);

    // Fires: the task row is untouched, and yet the member's devices hear of it.
    await runScheduler(new Date(Date.parse(row!.fire_at) + 5_000));
    expect(await pushesOf(device)).toHaveLength(1);
    const fired = await follow(member, cursor);
    expect(upsertsOf(fired.changes, task.id)).toHaveLength(1);
    expect((await upcoming(owner)).some((r) => r.task_id === task.id)).toBe(false);
    cursor = fired.cursor;

    // Snoozed by the service worker: a PATCH of the reminders under If-Match.
    const at = inMinutes(10);
    const current = await owner.call(apiPaths.task(task.id));
    const etag = current.headers.get('etag')!;
    await current.arrayBuffer();
    const patched = await owner.call(
      apiPaths.task(task.id),
      json('PATCH', { reminders: [{ before_minutes: 10 }, { at }] }, { 'if-match': etag }),
    );
    expect(patched.status).toBe(200);
    const snoozed = await follow(member, cursor);
    expect(upsertsOf(snoozed.changes, task.id).at(-1)!.data.reminders).toEqual([
      { before_minutes: 10 },
      { at },
    ]);
    expect((await upcoming(owner)).filter((r) => r.task_id === task.id)).toHaveLength(1);
    cursor = snoozed.cursor;

    // Cancelled by completing the task: the member sees it done, and nothing is left to fire.
    const done = await member.call(
      apiPaths.taskCompletion(task.id),
      json('POST', { completed: true }),
    );
    expect(done.status).toBe(200);
    expect(upsertsOf((await follow(member, cursor)).changes, task.id).at(-1)!.data).toMatchObject({
      completed: true,
    });
    expect((await upcoming(owner)).some((r) => r.task_id === task.id)).toBe(false);
    expect((await readTask(owner, task.id)).completed).toBe(true);
  });

  it('a run that claims nothing new (a settle, a second run) writes no change', async () => {
    const list = await newList(owner, 'Quiet');
    const task = await postTask(owner, {
      title: 'Quiet one',
      list_id: list.id,
      due_at: inMinutes(40),
      reminders: [{ before_minutes: 10 }],
    });
    const [row] = (await upcoming(owner)).filter((r) => r.task_id === task.id);
    const fireAt = Date.parse(row!.fire_at);
    await runScheduler(new Date(fireAt + 5_000));
    const { cursor } = await follow(owner);
    await runScheduler(new Date(fireAt + 65_000));
    expect(upsertsOf((await follow(owner, cursor)).changes, task.id)).toEqual([]);
  });
});
