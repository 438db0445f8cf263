import { apiPaths, TaskSchema, type Task } from '@tasks/shared';
import { nextOccurrence } from '@tasks/shared/recurrence';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { testDb } from '../../../test/auth.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { postTask } from '../../../test/tasks.ts';
import { localDay, timeUser } from '../../../test/time.ts';
import { newUser, type TestUser } from '../../../test/users.ts';
import { buildSchedule } from './schedule.ts';

// Decision 0025: the paths that used to cost a second statement (the schedule could not answer)
// are one round trip, as Server-Timing's db desc counts them.
const DAY = 86_400_000;

async function complete(user: TestUser, id: string, body: unknown = { completed: true }) {
  const res = await user.call(apiPaths.task(id), json('PATCH', body));
  expect(res.status).toBe(200);
  return { trips: dbRoundTrips(res), task: TaskSchema.parse(await res.json()) };
}

/** The schedule a write of `task` stored `days` ago (as if it had been untouched since). */
async function ageSchedule(task: Task, days: number) {
  const built = new Date(Date.now() - days * DAY);
  const { rrule, repeat_from } = task.recurrence!;
  const schedule = buildSchedule(rrule, repeat_from, task.due_date!, built);
  await testDb().execute(
    sql`update tasks set schedule = ${JSON.stringify(schedule)}::jsonb where id = ${task.id}`,
  );
}

describe('completing a recurring task is one round trip', () => {
  it('right after it was created, a floating one included (no refill to wait for)', async () => {
    const user = await newUser('trip-new');
    const start = localDay(-2);
    const task = await postTask(user, {
      title: 'Stretch',
      due_date: start,
      due_time: '07:00',
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
    });
    const { trips, task: next } = await complete(user, task.id);
    expect(trips).toBe(1);
    // Today's 07:00 is the next one before 07:00 UTC, tomorrow's after: the engine says which.
    const current = { date: start, time: '07:00', timeZone: 'UTC', rrule: 'FREQ=DAILY' };
    const engine = nextOccurrence(current, { repeatFrom: 'due', now: new Date() })!;
    expect(next).toMatchObject({
      due_date: engine.date,
      occurrence: engine.occurrence,
      completed: false,
    });
  });

  it('in the PATCH that also sets a new day and rule', async () => {
    const user = await timeUser('trip-rule');
    const task = await postTask(user, {
      title: 'Rent',
      due_date: localDay(-3),
      recurrence: { rrule: 'FREQ=WEEKLY', repeat_from: 'due' },
    });
    const recurrence = { rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', repeat_from: 'due' as const };
    const body = { due_date: localDay(-40), recurrence, completed: true };
    const { trips, task: next } = await complete(user, task.id, body);
    expect(trips).toBe(1);
    const current = { date: localDay(-40), time: null, timeZone: 'UTC', rrule: recurrence.rrule };
    const engine = nextOccurrence(current, { repeatFrom: 'due', now: new Date() })!;
    expect(next).toMatchObject({ due_date: engine.date, recurrence, completed: false });
  });

  it('months after the schedule was written, fixed or from completion, and in bulk', async () => {
    const user = await timeUser('trip-old');
    const fixed = await postTask(user, {
      title: 'Pills',
      due_date: localDay(-100),
      recurrence: { rrule: 'FREQ=DAILY', repeat_from: 'due' },
    });
    const fromDone = await postTask(user, {
      title: 'Haircut',
      due_date: localDay(-100),
      recurrence: { rrule: 'FREQ=DAILY;INTERVAL=30', repeat_from: 'completion' },
    });
    await ageSchedule(fixed, 100);
    await ageSchedule(fromDone, 100);
    const single = await complete(user, fixed.id);
    expect(single.trips).toBe(1);
    expect(single.task).toMatchObject({ due_date: localDay(1), occurrence: 102 });

    await ageSchedule(single.task, 100);
    const res = await user.call(
      apiPaths.tasksBulk,
      json('POST', { action: 'complete', ids: [fixed.id, fromDone.id] }),
    );
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    const read = async (id: string) =>
      TaskSchema.parse(await (await user.call(apiPaths.task(id))).json());
    expect(await read(fixed.id)).toMatchObject({ due_date: localDay(2), occurrence: 103 });
    expect(await read(fromDone.id)).toMatchObject({ due_date: localDay(30), occurrence: 2 });
  });

  it('when a write moves a monthly, yearly or weekday-list task without its rule, or sends a fixed rule without the day', async () => {
    // The worker has not got the rule (or the day): the statement builds the schedule itself.
    const user = await timeUser('trip-left', 'America/New_York');
    const zone = 'America/New_York';
    const shapes = [
      { rrule: 'FREQ=MONTHLY;BYMONTHDAY=15,28', move: { due_date: localDay(-45, zone) } },
      { rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', move: { due_date: localDay(-70, zone) } },
      { rrule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=2SU', move: { due_date: localDay(-400, zone) } },
      { rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', move: { due_date: localDay(-9, zone) } },
      {
        rrule: 'FREQ=WEEKLY',
        move: { recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=-1FR', repeat_from: 'due' as const } },
      },
    ];
    for (const { rrule, move } of shapes) {
      const task = await postTask(user, {
        title: rrule,
        due_date: localDay(-1, zone),
        due_time: '02:30',
        recurrence: { rrule, repeat_from: 'due' },
      });
      const { trips, task: next } = await complete(user, task.id, { ...move, completed: true });
      expect(trips, rrule).toBe(1);
      const current = {
        date: move.due_date ?? task.due_date!,
        time: '02:30',
        timeZone: zone,
        rrule: move.recurrence?.rrule ?? rrule,
      };
      const engine = nextOccurrence(current, { repeatFrom: 'due', now: new Date() })!;
      expect(next, rrule).toMatchObject({
        due_date: engine.date,
        due_at: engine.at.toISOString(),
        occurrence: engine.occurrence,
        completed: false,
      });
    }
  });

  it('more than 400 days after the schedule was written, the task long overdue, and in bulk', async () => {
    const user = await timeUser('trip-ancient');
    const rrule = 'FREQ=MONTHLY;BYMONTHDAY=-1';
    const body = {
      title: 'Filter',
      due_date: localDay(-900),
      recurrence: { rrule, repeat_from: 'due' as const },
    };
    const [single, bulk] = [await postTask(user, body), await postTask(user, body)];
    await ageSchedule(single, 900);
    await ageSchedule(bulk, 900);
    const current = { date: localDay(-900), time: null, timeZone: 'UTC', rrule };
    const engine = nextOccurrence(current, { repeatFrom: 'due', now: new Date() })!;
    const { trips, task: next } = await complete(user, single.id);
    expect(trips).toBe(1);
    expect(next).toMatchObject({ due_date: engine.date, occurrence: engine.occurrence });
    const res = await user.call(
      apiPaths.tasksBulk,
      json('POST', { action: 'complete', ids: [bulk.id] }),
    );
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    const read = TaskSchema.parse(await (await user.call(apiPaths.task(bulk.id))).json());
    expect(read).toMatchObject({ due_date: engine.date, occurrence: engine.occurrence });
  });
});
