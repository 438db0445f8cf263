import { apiPaths, TaskSchema, type TaskCreate } from '@tasks/shared';
import { zonedToInstant } from '@tasks/shared/recurrence';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { postTask } from '../../../test/tasks.ts';
import { localDay, timeUser } from '../../../test/time.ts';
import type { TestUser } from '../../../test/users.ts';

const MINUTE = 60_000;

async function viewTitles(user: TestUser, query: string): Promise<string[]> {
  const res = await user.call(`${apiPaths.tasks}?${query}&sort=due_at&order=asc`);
  expect(res.status).toBe(200);
  expect(dbRoundTrips(res)).toBe(1);
  return TaskSchema.array()
    .parse(await res.json())
    .map((task) => task.title);
}

/** Timed tasks a minute either side of the caller's midnights, and all-day tasks in other zones. */
function fixtures(zone: string): TaskCreate[] {
  const startOf = (days: number) => zonedToInstant(localDay(days, zone), null, zone).getTime();
  const at = (ms: number) => new Date(ms).toISOString();
  return [
    { title: 'late yesterday', due_at: at(startOf(0) - MINUTE), time_zone: 'UTC' },
    { title: 'early today', due_at: at(startOf(0) + MINUTE), time_zone: 'Asia/Kolkata' },
    { title: 'late today', due_at: at(startOf(1) - MINUTE) },
    { title: 'early tomorrow', due_at: at(startOf(1) + MINUTE), time_zone: 'UTC' },
    { title: 'all day today', due_date: localDay(0, zone), time_zone: 'Pacific/Pago_Pago' },
    { title: 'all day yesterday', due_date: localDay(-1, zone), time_zone: 'Pacific/Kiritimati' },
    { title: 'all day in 6 days', due_date: localDay(6, zone) },
    { title: 'all day in 7 days', due_date: localDay(7, zone), time_zone: 'Asia/Kolkata' },
    { title: 'done yesterday', due_date: localDay(-1, zone), completed: true },
    { title: 'no date' },
  ];
}

describe('views in the caller’s zone', () => {
  for (const zone of ['Pacific/Kiritimati', 'America/New_York', 'Pacific/Pago_Pago']) {
    it(`today, upcoming and overdue around midnight in ${zone}`, async () => {
      const user = await timeUser(`views-${zone.replace(/\W/g, '-')}`, zone);
      for (const task of fixtures(zone)) await postTask(user, task);
      const today = await viewTitles(user, 'view=TODAY');
      expect(new Set(today)).toEqual(
        new Set([
          'all day yesterday',
          'late yesterday',
          'all day today',
          'early today',
          'late today',
        ]),
      );
      const upcoming = await viewTitles(user, 'view=upcoming');
      expect(new Set(upcoming)).toEqual(
        new Set([
          'early today',
          'late today',
          'early tomorrow',
          'all day today',
          'all day in 6 days',
        ]),
      );
      const overdue = await viewTitles(user, 'view=overdue');
      expect(overdue).toContain('late yesterday');
      expect(overdue).toContain('all day yesterday');
      expect(overdue).not.toContain('all day today');
      expect(overdue).not.toContain('early tomorrow');
    });
  }

  it('combines with the other filters', async () => {
    const user = await timeUser('views-filters', 'Europe/London');
    await postTask(user, {
      title: 'work today',
      due_date: localDay(0, 'Europe/London'),
      tags: ['work'],
    });
    await postTask(user, {
      title: 'home today',
      due_date: localDay(0, 'Europe/London'),
      tags: ['home'],
    });
    expect(await viewTitles(user, 'view=today&tag=work')).toEqual(['work today']);
    expect(await viewTitles(user, 'view=today&q=home')).toEqual(['home today']);
  });
});

describe('due instants across DST', () => {
  it('keeps 09:00 local on both sides and moves a time in the gap forward', async () => {
    const user = await timeUser('views-dst');
    const at = async (due_date: string, due_time: string) =>
      (await postTask(user, { title: 't', due_date, due_time, time_zone: 'America/New_York' }))
        .due_at;
    expect(await at('2027-03-13', '09:00')).toBe('2027-03-13T14:00:00.000Z');
    expect(await at('2027-03-15', '09:00')).toBe('2027-03-15T13:00:00.000Z');
    expect(await at('2027-03-14', '02:30')).toBe('2027-03-14T07:30:00.000Z');
    // Fall back: 01:30 happens twice; the earlier (EDT) is taken.
    expect(await at('2027-11-07', '01:30')).toBe('2027-11-07T05:30:00.000Z');
  });

  it('reads a floating task in the creator’s zone, and an older client’s instant too', async () => {
    const user = await timeUser('views-floating', 'Australia/Lord_Howe');
    const floating = await postTask(user, {
      title: 'f',
      due_date: '2027-01-10',
      due_time: '08:00',
    });
    // Lord Howe is +11:00 in January.
    expect(floating.due_at).toBe('2027-01-09T21:00:00.000Z');
    const res = await user.call(apiPaths.task(floating.id));
    expect(TaskSchema.parse(await res.json()).due_at).toBe('2027-01-09T21:00:00.000Z');
    const old = await postTask(user, { title: 'o', due_at: '2027-01-09T21:00:30Z' });
    expect(old).toMatchObject({
      due_date: '2027-01-10',
      due_time: '08:00',
      due_at: '2027-01-09T21:00:30.000Z',
    });
    const patched = await user.call(apiPaths.task(old.id), json('PATCH', { due_time: '09:15' }));
    expect(TaskSchema.parse(await patched.json()).due_at).toBe('2027-01-09T22:15:00.000Z');
  });

  it('moves a floating task’s instant when its creator’s zone changes', async () => {
    const user = await timeUser('views-move', 'Asia/Kolkata');
    const task = await postTask(user, { title: 'call', due_date: '2027-06-01', due_time: '09:00' });
    expect(task.due_at).toBe('2027-06-01T03:30:00.000Z');
    const fixed = await postTask(user, {
      title: 'fixed',
      due_date: '2027-06-01',
      due_time: '09:00',
      time_zone: 'Asia/Kolkata',
    });
    await user.call(apiPaths.me, json('PATCH', { time_zone: 'Europe/London' }));
    const moved = TaskSchema.parse(await (await user.call(apiPaths.task(task.id))).json());
    expect(moved).toMatchObject({ due_time: '09:00', due_at: '2027-06-01T08:00:00.000Z' });
    const kept = TaskSchema.parse(await (await user.call(apiPaths.task(fixed.id))).json());
    expect(kept.due_at).toBe('2027-06-01T03:30:00.000Z');
  });
});
