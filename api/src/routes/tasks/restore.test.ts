import { apiPaths, TaskHistorySchema } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { postTask } from '../../../test/tasks.ts';
import { localDay, taskCall, timeUser } from '../../../test/time.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

// POST /tasks/{id}/restore-occurrence: the undo of completing or skipping a recurring task.

const history = async (user: TestUser, id: string) =>
  TaskHistorySchema.parse(await (await user.call(apiPaths.taskHistory(id))).json());

const restore = (user: TestUser, id: string, occurrence: number, version: number) =>
  user.call(
    apiPaths.taskRestoreOccurrence(id),
    json('POST', { occurrence }, { 'if-match': `"${version}"` }),
  );

describe('restoring an occurrence', () => {
  it('puts a completed occurrence back, open, in one round trip; a retry changes nothing', async () => {
    const user = await timeUser('restore-done');
    const task = await postTask(user, {
      title: 'Standup',
      due_date: localDay(1),
      due_time: '09:30',
      time_zone: 'Europe/Paris',
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
    });
    const done = await taskCall(
      user,
      apiPaths.taskCompletion(task.id),
      json('POST', { completed: true, occurrence: 1 }),
    );
    expect(done).toMatchObject({ occurrence: 2, due_date: localDay(2) });
    const res = await restore(user, task.id, 1, done.version);
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    const back = await res.json();
    expect(back).toMatchObject({
      occurrence: 1,
      due_date: localDay(1),
      due_time: '09:30',
      due_at: task.due_at,
      completed: false,
      version: done.version + 1,
    });
    expect(res.headers.get('etag')).toBe(`"${done.version + 1}"`);
    expect(await history(user, task.id)).toEqual([]);
    const again = await taskCall(
      user,
      apiPaths.taskRestoreOccurrence(task.id),
      json('POST', { occurrence: 1 }),
    );
    expect(again).toMatchObject({ occurrence: 1, version: done.version + 1 });
  });

  it('puts a skipped one back, and reopens a finished series', async () => {
    const user = await timeUser('restore-skip');
    const task = await postTask(user, {
      title: 'Twice',
      due_date: localDay(1),
      recurrence: { rrule: 'FREQ=DAILY;COUNT=2', repeat_from: 'due' },
    });
    const skipped = await taskCall(user, apiPaths.taskSkip(task.id), json('POST', {}));
    const back = await taskCall(
      user,
      apiPaths.taskRestoreOccurrence(task.id),
      json('POST', { occurrence: 1 }),
    );
    expect(back).toMatchObject({
      occurrence: 1,
      due_date: localDay(1),
      version: skipped.version + 1,
    });
    await taskCall(user, apiPaths.taskSkip(task.id), json('POST', {}));
    const finished = await taskCall(
      user,
      apiPaths.taskCompletion(task.id),
      json('POST', { completed: true }),
    );
    expect(finished).toMatchObject({ completed: true, occurrence: 2 });
    const reopened = await taskCall(
      user,
      apiPaths.taskRestoreOccurrence(task.id),
      json('POST', { occurrence: 2 }),
    );
    expect(reopened).toMatchObject({ completed: false, completed_at: null, occurrence: 2 });
    expect((await history(user, task.id)).map((item) => item.occurrence)).toEqual([1]);
  });

  it('refuses an older occurrence, a stale version, a one-off, a stranger and bad input', async () => {
    const user = await timeUser('restore-refuse');
    const task = await postTask(user, {
      title: 'Daily',
      due_date: localDay(1),
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
    });
    await taskCall(user, apiPaths.taskSkip(task.id), json('POST', {}));
    const second = await taskCall(user, apiPaths.taskSkip(task.id), json('POST', {}));
    const older = await expectProblem(await restore(user, task.id, 1, second.version), 409);
    expect(older.errors?.map((error) => error.path)).toEqual(['occurrence']);
    await expectProblem(await restore(user, task.id, 2, task.version), 412);
    const oneOff = await postTask(user, { title: 'Once' });
    const closed = await taskCall(
      user,
      apiPaths.taskCompletion(oneOff.id),
      json('POST', { completed: true }),
    );
    await expectProblem(await restore(user, oneOff.id, 1, closed.version), 409);
    const stranger = await newUser('restore-stranger');
    await expectProblem(await restore(stranger, task.id, 2, second.version), 404);
    const bad = await user.call(
      apiPaths.taskRestoreOccurrence(task.id),
      json('POST', { occurrence: 0 }),
    );
    expect((await expectProblem(bad, 400)).errors?.map((error) => error.path)).toEqual([
      'occurrence',
    ]);
  });
});
