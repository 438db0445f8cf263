import { apiPaths, type Task } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { errorPaths, expectProblem } from '../../../test/problem.ts';
import { inMinutes, upcoming } from '../../../test/reminders.ts';
import { postTask, readTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

let user: TestUser;

beforeAll(async () => {
  user = await newUser('reminders');
});

const patch = (task: Task, body: unknown) => user.call(apiPaths.task(task.id), json('PATCH', body));
const mine = async (task: Task) => (await upcoming(user)).filter((r) => r.task_id === task.id);

describe('reminders on a task', () => {
  it('stores them and schedules each occurrence in the statement of the write', async () => {
    // One instant for both: two clock reads a millisecond apart would be two occurrences.
    const now = Date.now();
    const due = inMinutes(120, now);
    const at = inMinutes(90, now);
    const task = await postTask(user, {
      title: 'Call the bank',
      due_at: due,
      reminders: [{ before_minutes: 30 }, { at }, { before_minutes: 30 }],
    });
    expect(task.reminders).toEqual([{ before_minutes: 30 }, { at }]);
    expect((await readTask(user, task.id)).reminders).toEqual(task.reminders);
    const rows = await mine(task);
    // Two reminders at the same instant are one occurrence.
    expect(rows.map((r) => r.fire_at)).toEqual([at]);
    expect(rows[0]).toMatchObject({ title: 'Call the bank', due_at: due, expires_at: due });
  });

  it('reschedules when the due time moves, and cancels past, completed and deleted ones', async () => {
    const task = await postTask(user, {
      title: 'Moves',
      due_at: inMinutes(60),
      reminders: [{ before_minutes: 10 }, { before_minutes: 1440 }],
    });
    // 1440 minutes before a due time an hour away has passed: never scheduled.
    const [first, ...others] = await mine(task);
    expect(others).toEqual([]);
    expect(new Date(first!.fire_at).getTime()).toBe(new Date(task.due_at!).getTime() - 10 * 60_000);
    const later = inMinutes(180);
    expect((await patch(task, { due_at: later })).status).toBe(200);
    const [moved] = await mine(task);
    expect(new Date(moved!.fire_at).getTime()).toBe(new Date(later).getTime() - 10 * 60_000);
    // Moving the due time to five minutes from now puts the 10-minute reminder in the past.
    expect((await patch(task, { due_at: inMinutes(5) })).status).toBe(200);
    expect(await mine(task)).toEqual([]);
    expect((await patch(task, { due_at: later })).status).toBe(200);
    expect(await mine(task)).toHaveLength(1);
    expect((await patch(task, { completed: true })).status).toBe(200);
    expect(await mine(task)).toEqual([]);
    expect((await patch(task, { completed: false })).status).toBe(200);
    expect(await mine(task)).toHaveLength(1);
    expect((await user.call(apiPaths.task(task.id), { method: 'DELETE' })).status).toBe(204);
    expect(await mine(task)).toEqual([]);
  });

  it('clearing the due date drops the reminders that counted from it', async () => {
    const at = inMinutes(30);
    const task = await postTask(user, {
      title: 'Clear',
      due_at: inMinutes(60),
      reminders: [{ before_minutes: 10 }, { at }],
    });
    const res = await patch(task, { due_at: null });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Task).reminders).toEqual([{ at }]);
    expect((await mine(task)).map((r) => r.fire_at)).toEqual([at]);
  });

  it('gives new tasks with a due date the caller’s default reminders', async () => {
    const other = await newUser('defaults');
    const res = await other.call(
      apiPaths.me,
      json('PATCH', { reminder_defaults: { before_minutes: [30, 10, 30] } }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      reminder_defaults: { before_minutes: [10, 30], all_day_time: '09:00' },
    });
    const timed = await postTask(other, { title: 'Timed', due_at: inMinutes(600) });
    expect(timed.reminders).toEqual([{ before_minutes: 10 }, { before_minutes: 30 }]);
    const undated = await postTask(other, { title: 'Undated' });
    expect(undated.reminders).toEqual([]);
    const none = await postTask(other, { title: 'None', due_at: inMinutes(600), reminders: [] });
    expect(none.reminders).toEqual([]);
    const me = await other.call(apiPaths.me);
    expect(await me.json()).toMatchObject({ reminder_defaults: { before_minutes: [10, 30] } });
  });
});

describe('bad reminders are refused, naming the field', () => {
  const due = inMinutes(600);
  it.each([
    [{ reminders: [{ before_minutes: 0 }] }, ['reminders.0.before_minutes']],
    [{ reminders: [{ before_minutes: 40_321 }] }, ['reminders.0.before_minutes']],
    [{ reminders: [{ before_minutes: 1.5 }] }, ['reminders.0.before_minutes']],
    [{ reminders: [{ before_minutes: '10' }] }, ['reminders.0.before_minutes']],
    [{ reminders: [{ at: 'tomorrow' }] }, ['reminders.0.at']],
    [{ reminders: [{ at: due, before_minutes: 5 }] }, ['reminders.0']],
    [{ reminders: [{}] }, ['reminders.0']],
    [{ reminders: [{ minutes: 5 }] }, ['reminders.0', 'reminders.0.minutes']],
    [{ reminders: [1, 2, 3, 4, 5, 6].map((m) => ({ before_minutes: m })) }, ['reminders']],
    [{ reminders: 'soon' }, ['reminders']],
  ])('POST %j', async (body, paths) => {
    const res = await user.call(apiPaths.tasks, json('POST', { title: 'x', due_at: due, ...body }));
    expect(errorPaths(await expectProblem(res, 400))).toEqual(paths);
  });

  it('a relative reminder on a task without a due date', async () => {
    const body = { title: 'x', reminders: [{ before_minutes: 10 }] };
    const res = await user.call(apiPaths.tasks, json('POST', body));
    expect(errorPaths(await expectProblem(res, 400))).toEqual(['reminders']);
    const keyed = await user.call(
      apiPaths.tasks,
      json('POST', body, { 'Idempotency-Key': 'k-rel' }),
    );
    expect(errorPaths(await expectProblem(keyed, 400))).toEqual(['reminders']);
    const task = await postTask(user, { title: 'undated' });
    const patched = await patch(task, { reminders: [{ before_minutes: 10 }] });
    expect(errorPaths(await expectProblem(patched, 400))).toEqual(['reminders']);
  });

  it('bad reminder defaults', async () => {
    for (const [body, path] of [
      [{ reminder_defaults: { before_minutes: [0] } }, 'reminder_defaults.before_minutes.0'],
      [{ reminder_defaults: { all_day_time: '25:00' } }, 'reminder_defaults.all_day_time'],
      [{ reminder_defaults: { extra: 1 } }, 'reminder_defaults.extra'],
    ] as const) {
      const res = await user.call(apiPaths.me, json('PATCH', body));
      expect(errorPaths(await expectProblem(res, 400))).toEqual([path]);
    }
  });
});
