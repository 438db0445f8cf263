import { apiPaths, TaskHistorySchema, TaskSchema } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { postTask } from '../../../test/tasks.ts';
import { localDay, taskCall, timeUser } from '../../../test/time.ts';
import type { TestUser } from '../../../test/users.ts';

const history = async (user: TestUser, id: string) =>
  TaskHistorySchema.parse(await (await user.call(apiPaths.taskHistory(id))).json());

describe('a recurring task', () => {
  it('stores the local fields, the canonical rule and derives due_at in the task’s zone', async () => {
    const user = await timeUser('rec-create');
    const task = await postTask(user, {
      title: 'Standup',
      due_date: '2027-03-15',
      due_time: '9:30',
      time_zone: 'america/new_york',
      recurrence: {
        rrule: 'rrule:freq=weekly;byday=fr,mo,we;interval=1',
        repeat_from: 'DUE' as 'due',
      },
    });
    expect(task).toMatchObject({
      due_date: '2027-03-15',
      due_time: '09:30',
      time_zone: 'America/New_York',
      due_at: '2027-03-15T13:30:00.000Z',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', repeat_from: 'due' },
      occurrence: 1,
    });
  });

  it('completing advances the same task once, from the schedule, in one round trip', async () => {
    const user = await timeUser('rec-complete');
    const start = localDay(-3);
    const task = await postTask(user, {
      title: 'Water plants',
      due_date: start,
      recurrence: { rrule: 'FREQ=DAILY;INTERVAL=2', repeat_from: 'due' },
    });
    const res = await user.call(
      apiPaths.taskCompletion(task.id),
      json('POST', { completed: true }),
    );
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    const next = TaskSchema.parse(await res.json());
    // Overdue on a fixed schedule: the first occurrence after today (all day), not one in the past.
    expect(next).toMatchObject({
      id: task.id,
      completed: false,
      completed_at: null,
      due_date: localDay(1),
      occurrence: 3,
      version: task.version + 1,
    });
    expect(next.due_at).toBe(`${localDay(1)}T00:00:00.000Z`);
    const done = await history(user, task.id);
    expect(done).toEqual([
      expect.objectContaining({
        occurrence: 1,
        due_date: start,
        completed_by: user.id,
        skipped: false,
      }),
    ]);
  });

  it('advances exactly once under many parallel completions of the same occurrence', async () => {
    const user = await timeUser('rec-race');
    const task = await postTask(user, {
      title: 'Pay rent',
      due_date: localDay(0),
      due_time: '23:59',
      time_zone: 'UTC',
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', repeat_from: 'due' },
    });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2
          ? taskCall(
              user,
              apiPaths.taskCompletion(task.id),
              json('POST', { completed: true, occurrence: 1 }),
            )
          : taskCall(
              user,
              apiPaths.taskCompletion(task.id),
              json('PUT', { completed: true, occurrence: 1 }),
            ),
      ),
    );
    expect(new Set(answers.map((answer) => answer.occurrence))).toEqual(new Set([2]));
    expect(new Set(answers.map((answer) => answer.version))).toEqual(new Set([2]));
    expect(await history(user, task.id)).toHaveLength(1);
  });

  it('answers 412 to a completion naming a stale ETag, and changes nothing', async () => {
    const user = await timeUser('rec-etag');
    const task = await postTask(user, {
      title: 'Gym',
      due_date: localDay(1),
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
    });
    const headers = { 'If-Match': `"${task.version}"` };
    await taskCall(user, apiPaths.taskCompletion(task.id), { method: 'PUT', headers });
    const res = await user.call(apiPaths.taskCompletion(task.id), { method: 'PUT', headers });
    await expectProblem(res, 412);
    expect(await history(user, task.id)).toHaveLength(1);
  });

  it('is simply completed once COUNT is used up', async () => {
    const user = await timeUser('rec-count');
    const task = await postTask(user, {
      title: 'Course',
      due_date: localDay(-5),
      recurrence: { rrule: 'FREQ=DAILY;COUNT=2', repeat_from: 'due' },
    });
    const done = await taskCall(user, apiPaths.taskCompletion(task.id), { method: 'PUT' });
    expect(done).toMatchObject({ completed: true, occurrence: 1, due_date: localDay(-5) });
    expect(await history(user, task.id)).toHaveLength(1);
  });

  it('counts from the completion with repeat_from=completion', async () => {
    const user = await timeUser('rec-from-done');
    const task = await postTask(user, {
      title: 'Haircut',
      due_date: localDay(-10),
      recurrence: { rrule: 'FREQ=DAILY;INTERVAL=3', repeat_from: 'completion' },
    });
    const next = await taskCall(user, apiPaths.taskCompletion(task.id), { method: 'PUT' });
    expect(next).toMatchObject({ due_date: localDay(3), occurrence: 2, completed: false });
  });

  it('advances from the moved day when a write also moves the due date, in one round trip', async () => {
    const user = await timeUser('rec-engine');
    const task = await postTask(user, {
      title: 'Review',
      due_date: localDay(-1),
      recurrence: { rrule: 'FREQ=WEEKLY', repeat_from: 'due' },
    });
    const res = await user.call(
      apiPaths.task(task.id),
      json('PATCH', { due_date: localDay(-14), completed: true }),
    );
    const next = TaskSchema.parse(await res.json());
    // Weekly on the day's weekday follows the day: the stored schedule moves with it (0025).
    expect(dbRoundTrips(res)).toBe(1);
    // All day and due today counts as done today: the next one is a week on.
    expect(next).toMatchObject({ due_date: localDay(7), occurrence: 4, completed: false });
    expect((await history(user, task.id))[0]).toMatchObject({
      occurrence: 1,
      due_date: localDay(-14),
    });
  });
});
