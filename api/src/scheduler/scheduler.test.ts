import { apiPaths, CLAIM_LEASE_SECONDS, pushTopic } from '@tasks/shared';
import { zonedToInstant } from '@tasks/shared/recurrence';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../test/api.ts';
import { createDb } from '../db/client.ts';
import { createMeter } from '../db/meter.ts';
import { getEnv } from '../env.ts';
import { claimDueReminders } from './claim-reminders.ts';
import {
  dropDevice,
  failNextPushes,
  inMinutes,
  pushesOf,
  runScheduler,
  subscribeDevice,
  upcoming,
  type StandinDevice,
} from '../../test/reminders.ts';
import { postTask } from '../../test/tasks.ts';
import { newUser, type TestUser } from '../../test/users.ts';

// The scheduled handler runs as the Cron Trigger would, at a chosen instant: tasks get reminders
// due minutes ahead and the run is told it is that time, so nothing waits on the clock.

let user: TestUser;
let device: StandinDevice;

beforeAll(async () => {
  user = await newUser('scheduler');
  device = await subscribeDevice(user);
});

/** A task of `owner` due in `dueIn` minutes with one reminder `before` minutes before it. */
async function remind(owner: TestUser, title: string, dueIn: number, before = 10) {
  const task = await postTask(owner, {
    title,
    due_at: inMinutes(dueIn),
    reminders: [{ before_minutes: before }],
  });
  const [row] = (await upcoming(owner)).filter((r) => r.task_id === task.id);
  return { task, row: row!, fireAt: new Date(row!.fire_at) };
}

const after = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

describe('the scheduled handler', () => {
  it('pushes a due reminder once: encrypted, VAPID-signed, with its topic and TTL', async () => {
    const { task, row, fireAt } = await remind(user, 'Water the plants', 40);
    await runScheduler(after(fireAt, -1)); // a second early: nothing yet
    expect(await pushesOf(device)).toEqual([]);
    await runScheduler(after(fireAt, 5));
    await runScheduler(after(fireAt, 65)); // the next minute's run finds it claimed
    const pushes = await pushesOf(device);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.payload).toEqual({
      occurrence: row.occurrence,
      task_id: task.id,
      task_occurrence: 1,
      title: 'Water the plants',
      urgency: 'due in 10 minutes',
    });
    expect(pushes[0]!.topic).toBe(await pushTopic(row.occurrence));
    expect(pushes[0]!.topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Until the due time, 10 minutes minus the 5 seconds it ran late.
    expect(pushes[0]!.ttl).toBe(595);
    expect((await upcoming(user)).some((r) => r.task_id === task.id)).toBe(false);
  });

  it('two overlapping runs send one push', async () => {
    const other = await newUser('overlap');
    const phone = await subscribeDevice(other);
    const reminders = await Promise.all([1, 2, 3].map((n) => remind(other, `Overlap ${n}`, 50)));
    const at = after(reminders.at(-1)!.fireAt, 1);
    await Promise.all([runScheduler(at), runScheduler(at), runScheduler(at)]);
    const sent = (await pushesOf(phone)).map((p) => p.payload.title).sort();
    expect(sent).toEqual(['Overlap 1', 'Overlap 2', 'Overlap 3']);
  });

  it('after an outage: sent once if still before the due time, else dropped', async () => {
    const other = await newUser('outage');
    const phone = await subscribeDevice(other);
    const late = await remind(other, 'Still useful', 60, 30);
    const useless = await remind(other, 'Too late', 20, 10);
    // Nothing ran for 25 minutes: the first is 5 minutes late but due in 25; the second's task
    // was due 5 minutes ago.
    await runScheduler(after(useless.fireAt, 25 * 60));
    const pushes = await pushesOf(phone);
    expect(pushes.map((p) => p.payload.title)).toEqual(['Still useful']);
    expect(pushes[0]!.payload.urgency).toMatch(/^due in (24|25|26) minutes$/);
    await runScheduler(after(useless.fireAt, 26 * 60));
    expect(await pushesOf(phone)).toHaveLength(1);
    expect(late.row.occurrence).not.toBe(useless.row.occurrence);
  });

  it('retries 429 and 5xx with backoff, and releases the claim when every try failed', async () => {
    const other = await newUser('retry');
    const phone = await subscribeDevice(other);
    const { fireAt } = await remind(other, 'Retried', 45);
    await failNextPushes(phone, [503, 429]);
    await runScheduler(after(fireAt, 1)); // two failures, then accepted within the run
    expect(await pushesOf(phone)).toHaveLength(1);
    const next = await remind(other, 'Released', 45, 5);
    await failNextPushes(phone, [500, 500, 500]);
    await runScheduler(after(next.fireAt, 1)); // all three attempts fail: released
    expect((await upcoming(other)).map((r) => r.title)).toContain('Released');
    await runScheduler(after(next.fireAt, 61));
    expect((await pushesOf(phone)).map((p) => p.payload.title)).toEqual(['Retried', 'Released']);
  });

  it('a run that died between claim and settle: its claims are taken again after the lease', async () => {
    const other = await newUser('died');
    const phone = await subscribeDevice(other);
    const { fireAt } = await remind(other, 'Orphaned', 50);
    // A run claims and dies before sending (the worker restarted).
    const db = createDb(getEnv(env), createMeter());
    expect(await claimDueReminders(db, after(fireAt, 1), CLAIM_LEASE_SECONDS)).toHaveLength(1);
    await runScheduler(after(fireAt, 61)); // within the lease: the claim still holds
    expect(await pushesOf(phone)).toEqual([]);
    await runScheduler(after(fireAt, 1 + CLAIM_LEASE_SECONDS + 60));
    await runScheduler(after(fireAt, 1 + CLAIM_LEASE_SECONDS + 120)); // settled: not again
    expect((await pushesOf(phone)).map((p) => p.payload.title)).toEqual(['Orphaned']);
  });

  it('forgets a subscription the push service calls gone', async () => {
    const other = await newUser('gone');
    const phone = await subscribeDevice(other);
    const { fireAt } = await remind(other, 'Gone', 45);
    await dropDevice(phone);
    await runScheduler(after(fireAt, 1));
    // The endpoint no longer exists for the API: registering it again creates it anew.
    const again = await other.call(apiPaths.pushSubscriptions, json('POST', phone.subscription));
    expect(again.status).toBe(201);
  });

  it('does nothing without VAPID keys', async () => {
    const other = await newUser('novapid');
    const phone = await subscribeDevice(other);
    const { fireAt, task } = await remind(other, 'Unconfigured', 45);
    const unconfigured = { ...env, VAPID_PUBLIC_KEY: '', VAPID_PRIVATE_KEY: '', VAPID_SUBJECT: '' };
    await runScheduler(after(fireAt, 1), unconfigured);
    expect(await pushesOf(phone)).toEqual([]);
    expect((await upcoming(other)).some((r) => r.task_id === task.id)).toBe(true);
  });
});

describe('reminders of recurring and all-day tasks', () => {
  it('a recurring task reminds for each occurrence', async () => {
    const other = await newUser('recurring');
    const phone = await subscribeDevice(other);
    const due = new Date(Date.now() + 60 * 60_000).toISOString();
    const task = await postTask(other, {
      title: 'Daily standup',
      due_date: due.slice(0, 10),
      due_time: due.slice(11, 16),
      time_zone: 'UTC',
      recurrence: { rrule: 'FREQ=DAILY' },
      reminders: [{ before_minutes: 10 }],
    });
    const first = new Date(Date.parse(task.due_at!) - 10 * 60_000);
    await runScheduler(after(first, 1));
    const done = await other.call(apiPaths.taskCompletion(task.id), { method: 'PUT' });
    expect(done.status).toBe(200);
    const next = (await done.json()) as { due_at: string; occurrence: number };
    expect(next.occurrence).toBe(2);
    await runScheduler(after(first, 60)); // still the first day: nothing new
    await runScheduler(after(new Date(Date.parse(next.due_at) - 10 * 60_000), 1));
    const pushes = await pushesOf(phone);
    expect(pushes.map((p) => p.payload.title)).toEqual(['Daily standup', 'Daily standup']);
    expect(new Set(pushes.map((p) => p.payload.occurrence)).size).toBe(2);
  });

  it('an all-day task counts from the all-day time on its day, in its zone, and follows it', async () => {
    const other = await newUser('all-day');
    const patchMe = (body: unknown) => other.call(apiPaths.me, json('PATCH', body));
    expect((await patchMe({ reminder_defaults: { all_day_time: '08:30' } })).status).toBe(200);
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const base = zonedToInstant(day, '08:30', 'Europe/Paris').getTime();
    const before = Math.floor((base - Date.now()) / 60_000) - 120;
    const task = await postTask(other, {
      title: 'Passport office',
      due_date: day,
      time_zone: 'Europe/Paris',
      reminders: [{ before_minutes: before }],
    });
    const [row] = await upcoming(other);
    expect(row).toMatchObject({ task_id: task.id });
    expect(Date.parse(row!.fire_at)).toBe(base - before * 60_000);
    // Due until the day ends in Paris.
    const dayAfter = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
    expect(row!.due_at).toBe(
      zonedToInstant(dayAfter.slice(0, 10), null, 'Europe/Paris').toISOString(),
    );
    // A later all-day time moves the reminder with it.
    expect((await patchMe({ reminder_defaults: { all_day_time: '09:30' } })).status).toBe(200);
    const [moved] = await upcoming(other);
    expect(Date.parse(moved!.fire_at)).toBe(base + 60 * 60_000 - before * 60_000);
  });
});
