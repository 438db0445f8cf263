import { apiPaths, ChangePageSchema, type Task } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { json } from '../../test/api.ts';
import { connect, poke } from '../../test/live-sockets.ts';
import { postTask, readTask } from '../../test/tasks.ts';
import { newUser, type TestUser } from '../../test/users.ts';

// The writes issue 12 does after a write's answer (decision 0018) reach the feed through its
// triggers like any other, and poke again: a device that pulled on the first poke holds the row
// as stored before them.

/** The task as the caller's feed shows it after `cursor`. */
async function fed(user: TestUser, cursor: string, id: string): Promise<Task | undefined> {
  const page = ChangePageSchema.parse(
    await (await user.call(`${apiPaths.changes}?cursor=${cursor}`)).json(),
  );
  const change = page.changes.find((c) => c.entity === 'task' && c.id === id);
  return change?.op === 'upsert' ? (change.data as Task) : undefined;
}

const position = async (user: TestUser) =>
  ((await (await user.call(apiPaths.changes)).json()) as { cursor: string }).cursor;

describe('pokes after the writes that follow an answer', () => {
  it('pokes once for a floating task’s create, stored whole, and again after PATCH /me', async () => {
    const user = await newUser('live-later');
    const sockets = await connect(user);
    const start = await position(user);
    // No zone: the statement derives the instant in the creator's zone (decision 0025), so the
    // create's one poke already finds it stored.
    const task = await postTask(user, {
      title: 'floating',
      due_date: '2027-03-15',
      due_time: '09:00',
    });
    expect(task.due_at).toBe('2027-03-15T09:00:00.000Z');
    expect(poke(await sockets.nth(1)).type).toBe('changed');
    expect((await fed(user, start, task.id))?.due_at).toBe(task.due_at);

    // A new zone moves the creator's floating tasks in PATCH /me's statement: one more poke.
    const zoned = await position(user);
    const res = await user.call(apiPaths.me, json('PATCH', { time_zone: 'Asia/Tokyo' }));
    expect(res.status).toBe(200);
    expect(poke(await sockets.nth(2)).type).toBe('changed');
    const moved = await fed(user, zoned, task.id);
    expect(moved?.due_at).toBe('2027-03-15T00:00:00.000Z');
    expect(moved).toEqual(await readTask(user, task.id));
    sockets.socket.close(1000, 'done');
  });
});
