import { apiPaths, TaskCreateSchema } from '@tasks/shared';
import { zonedToInstant } from '@tasks/shared/recurrence';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { testDb } from '../../../test/auth.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { listAll, postTask } from '../../../test/tasks.ts';
import { taskCall, timeUser } from '../../../test/time.ts';
import { updateProfile } from '../../auth/profile-queries.ts';
import { createTask } from './create-task.ts';
import { getTask, updateTask } from './queries.ts';

// Decision 0025: the statement that writes the local fields stores the instant they name, so no
// later write (a refill after the answer) changes a field an answer or a read has shown. The
// queries are called alone here, with nothing after them, so what they store is all there is.
describe('a write stores the due_at it answers', () => {
  it('for a floating task, read in its creator’s zone, on create and on a PATCH of one field', async () => {
    const user = await timeUser('stored-due', 'America/New_York');
    const input = TaskCreateSchema.parse({
      title: 'Call',
      due_date: '2026-11-01',
      due_time: '01:30',
    });
    const created = await createTask(testDb(), user.id, input);
    if (created.status !== 'ok') throw new Error(created.status);
    // The repeated hour of the fall-back night: the earlier instant, as the engine has it.
    expect(new Date(created.value.due_at!).toISOString()).toBe('2026-11-01T05:30:00.000Z');

    const target = { userId: user.id, id: created.value.id };
    const timed = await updateTask(testDb(), target, { due_time: '02:30', time_zone: null });
    expect(timed.status).toBe('ok');
    const stored = await getTask(testDb(), user.id, created.value.id);
    expect(stored?.dueAt).toEqual(zonedToInstant('2026-11-01', '02:30', 'America/New_York'));

    await updateTask(testDb(), target, { due_date: '2027-03-14' }); // spring forward: a gap
    expect((await getTask(testDb(), user.id, created.value.id))?.dueAt?.toISOString()).toBe(
      '2027-03-14T07:30:00.000Z',
    );
    await updateTask(testDb(), target, { due_time: null, time_zone: 'Asia/Kolkata' });
    expect((await getTask(testDb(), user.id, created.value.id))?.dueAt?.toISOString()).toBe(
      '2027-03-13T18:30:00.000Z',
    );
  });

  it('so a read right after a write shows what the write answered', async () => {
    const user = await timeUser('stored-read', 'Australia/Lord_Howe');
    const task = await postTask(user, { title: 'Read back', due_date: '2026-10-04' });
    const patched = await taskCall(
      user,
      apiPaths.task(task.id),
      json('PATCH', { due_time: '02:15' }),
    );
    const read = await taskCall(user, apiPaths.task(task.id), {});
    const listed = (await listAll(user)).find((other) => other.id === task.id);
    // 02:15 does not exist that night (clocks move 30 minutes forward at 02:00): 02:45 local.
    expect(patched.due_at).toBe('2026-10-03T15:45:00.000Z');
    expect(read).toEqual(patched);
    expect(read.due_at).toBe(
      zonedToInstant('2026-10-04', '02:15', 'Australia/Lord_Howe').toISOString(),
    );
    expect(listed).toEqual(patched);
  });

  it('for the floating tasks of a user whose zone changes, in the statement of PATCH /me', async () => {
    const user = await timeUser('stored-me', 'Asia/Kolkata');
    const floating = await postTask(user, {
      title: 'Call',
      due_date: '2027-06-01',
      due_time: '09:00',
    });
    const allDay = await postTask(user, { title: 'Bins', due_date: '2027-06-02' });
    const fixed = { title: 'Fixed', due_date: '2027-06-01', due_time: '09:00' };
    const kept = await postTask(user, { ...fixed, time_zone: 'Asia/Kolkata' });
    // The query alone, nothing after it: what it stored is all there is.
    const updated = await updateProfile(testDb(), user.id, { timeZone: 'Europe/London' });
    expect(updated).toMatchObject({ audience: { users: [user.id] } });
    const stored = async (id: string) =>
      (await getTask(testDb(), user.id, id))?.dueAt?.toISOString();
    expect(await stored(floating.id)).toBe('2027-06-01T08:00:00.000Z');
    expect(await stored(allDay.id)).toBe('2027-06-01T23:00:00.000Z');
    expect(await stored(kept.id)).toBe(kept.due_at);

    // Through the route: one round trip, and the list read right after shows 09:00 in New York.
    const res = await user.call(apiPaths.me, json('PATCH', { time_zone: 'America/New_York' }));
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    const listed = new Map((await listAll(user)).map((task) => [task.id, task.due_at]));
    expect(listed.get(floating.id)).toBe('2027-06-01T13:00:00.000Z');
    expect(listed.get(allDay.id)).toBe('2027-06-02T04:00:00.000Z');
    expect(listed.get(kept.id)).toBe(kept.due_at);
  });
});
