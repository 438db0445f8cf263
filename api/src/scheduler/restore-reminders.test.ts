import { apiPaths } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import {
  inMinutes,
  pushesOf,
  runScheduler,
  subscribeDevice,
  upcoming,
} from '../../test/reminders.ts';
import { postTask } from '../../test/tasks.ts';
import { newUser } from '../../test/users.ts';

// A deleted task keeps its reminders' sent state (decision 0034): the runs are told the time, so
// the restored schedule's instants are still ahead of the database's clock, and only the kept
// `sent_for` tells the insert trigger's reschedule that one was sent.

const after = (at: string, seconds: number) => new Date(Date.parse(at) + seconds * 1000);

describe('reminders of a restored task', () => {
  it('a reminder sent before the delete is not sent again; one still to come is sent once', async () => {
    const user = await newUser('undelete-reminders');
    const device = await subscribeDevice(user);
    const task = await postTask(user, {
      title: 'Call back',
      due_at: inMinutes(40),
      reminders: [{ before_minutes: 20 }, { before_minutes: 10 }],
    });
    const [first, second] = (await upcoming(user))
      .filter((row) => row.task_id === task.id)
      .sort((a, b) => a.fire_at.localeCompare(b.fire_at));
    await runScheduler(after(first!.fire_at, 5));
    expect((await pushesOf(device)).map((p) => p.payload.occurrence)).toEqual([first!.occurrence]);

    expect((await user.call(apiPaths.task(task.id), { method: 'DELETE' })).status).toBe(204);
    const res = await user.call(apiPaths.taskRestore(task.id), { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await upcoming(user)).map((row) => row.occurrence)).toEqual([second!.occurrence]);

    await runScheduler(after(second!.fire_at, 5));
    await runScheduler(after(second!.fire_at, 65));
    const sent = (await pushesOf(device)).map((p) => p.payload.occurrence);
    expect(sent).toEqual([first!.occurrence, second!.occurrence]);
  });
});
