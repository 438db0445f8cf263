import { apiPaths, TaskHistorySchema } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { errorPaths, expectProblem } from '../../../test/problem.ts';
import { postTask } from '../../../test/tasks.ts';
import { localDay, taskCall, timeUser } from '../../../test/time.ts';
import type { TestUser } from '../../../test/users.ts';

const history = async (user: TestUser, id: string) =>
  TaskHistorySchema.parse(await (await user.call(apiPaths.taskHistory(id))).json());

describe('editing a recurring task', () => {
  it('skips, stops, and changes its rule from the current occurrence on', async () => {
    const user = await timeUser('rec-skip');
    const task = await postTask(user, {
      title: 'Report',
      due_date: localDay(1),
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
    });
    const skipped = await taskCall(user, apiPaths.taskSkip(task.id), { method: 'POST' });
    expect(skipped).toMatchObject({ due_date: localDay(2), occurrence: 2, completed: false });
    const changed = await taskCall(
      user,
      apiPaths.task(task.id),
      json('PATCH', { recurrence: { rrule: 'FREQ=DAILY;INTERVAL=7' } }),
    );
    expect(changed).toMatchObject({ occurrence: 2, due_date: localDay(2) });
    const after = await taskCall(user, apiPaths.taskSkip(task.id), { method: 'POST' });
    expect(after).toMatchObject({ due_date: localDay(9), occurrence: 3 });
    const stopped = await taskCall(
      user,
      apiPaths.task(task.id),
      json('PATCH', { recurrence: null }),
    );
    expect(stopped.recurrence).toBeNull();
    const done = await taskCall(user, apiPaths.taskCompletion(task.id), { method: 'PUT' });
    expect(done).toMatchObject({ completed: true, due_date: localDay(9) });
    const items = await history(user, task.id);
    expect(items.map((item) => [item.occurrence, item.skipped])).toEqual([
      [2, true],
      [1, true],
    ]);
    await expectProblem(await user.call(apiPaths.taskSkip(task.id), { method: 'POST' }), 409);
  });

  it('needs a due date, and names an unsupported rule part', async () => {
    const user = await timeUser('rec-bad');
    const bad = await user.call(
      apiPaths.tasks,
      json('POST', { title: 'x', recurrence: { rrule: 'FREQ=DAILY' } }),
    );
    expect(errorPaths(await expectProblem(bad, 400))).toEqual(['recurrence']);
    const part = await user.call(
      apiPaths.tasks,
      json('POST', {
        title: 'x',
        due_date: '2027-01-01',
        recurrence: { rrule: 'FREQ=DAILY;BYHOUR=9' },
      }),
    );
    const problem = await expectProblem(part, 400);
    expect(problem.errors).toEqual([
      { path: 'recurrence.rrule', message: expect.stringContaining('BYHOUR') },
    ]);
    const task = await postTask(user, {
      title: 'x',
      due_date: '2027-01-01',
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
    });
    const cleared = await user.call(apiPaths.task(task.id), json('PATCH', { due_date: null }));
    expect(errorPaths(await expectProblem(cleared, 400))).toEqual(['due_date']);
    const never = await user.call(
      apiPaths.task(task.id),
      json('PATCH', { recurrence: { rrule: 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30' } }),
    );
    expect((await expectProblem(never, 400)).errors).toEqual([
      { path: 'recurrence.rrule', message: 'BYMONTHDAY=30 never falls in BYMONTH=2' },
    ]);
  });

  it('completes in the PATCH that stops it, and advances in the one that makes a task repeat', async () => {
    const user = await timeUser('rec-stop-done');
    const rule = { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', repeat_from: 'due' as const };
    const task = await postTask(user, { title: 'Rent', due_date: localDay(3), recurrence: rule });
    const body = { recurrence: null, completed: true };
    const stopped = await taskCall(user, apiPaths.task(task.id), json('PATCH', body));
    expect(stopped).toMatchObject({ recurrence: null, completed: true, due_date: localDay(3) });

    const once = await postTask(user, { title: 'Gym', due_date: localDay(-1) });
    const weekly = { rrule: 'FREQ=WEEKLY', repeat_from: 'due' as const };
    const made = await taskCall(
      user,
      apiPaths.task(once.id),
      json('PATCH', { recurrence: weekly, completed: true }),
    );
    expect(made).toMatchObject({ completed: false, occurrence: 2, due_date: localDay(6) });
    expect((await history(user, once.id)).map((item) => item.due_date)).toEqual([localDay(-1)]);
  });
});
