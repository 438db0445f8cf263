import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import {
  apiPaths,
  ReminderPayloadSchema,
  UpcomingRemindersSchema,
  type ReminderPayload,
  type UpcomingReminder,
} from '@tasks/shared';
import { expect, inject } from 'vitest';
import worker from '../src/index.ts';
import { json } from './api.ts';
import type { TestUser } from './users.ts';

/** `GET /reminders/upcoming` of `user`. */
export async function upcoming(user: TestUser): Promise<UpcomingReminder[]> {
  const res = await user.call(apiPaths.upcomingReminders);
  expect(res.status).toBe(200);
  return UpcomingRemindersSchema.parse(await res.json()).reminders;
}

/** Runs the worker's scheduled handler (the Cron Trigger) as if it fired at `at`. */
export async function runScheduler(
  at: Date,
  bindings: Record<string, unknown> = env as unknown as Record<string, unknown>,
): Promise<void> {
  const controller = createScheduledController({ scheduledTime: at, cron: '* * * * *' });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, bindings, ctx);
  await waitOnExecutionContext(ctx);
}

/** A device of the stand-in push service: its subscription as a browser's toJSON() gives it. */
export type StandinDevice = {
  id: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
};

const standin = () => inject('pushStandinUrl');

/** Subscribes a new stand-in device with the test VAPID key and registers it for `user`. */
export async function subscribeDevice(user: TestUser): Promise<StandinDevice> {
  const res = await fetch(`${standin()}/subscriptions`, {
    method: 'POST',
    body: JSON.stringify({ application_server_key: env.VAPID_PUBLIC_KEY }),
  });
  const subscription = (await res.json()) as StandinDevice['subscription'];
  const registered = await user.call(apiPaths.pushSubscriptions, json('POST', subscription));
  expect(registered.status).toBe(201);
  return { id: subscription.endpoint.split('/').pop()!, subscription };
}

/** The pushes the stand-in received for `device`, decrypted. */
export async function pushesOf(device: StandinDevice) {
  const res = await fetch(`${standin()}/messages?subscription=${device.id}`);
  const { messages } = (await res.json()) as {
    messages: { payload: unknown; topic: string | null; ttl: number | null }[];
  };
  return messages.map((m) => ({ ...m, payload: ReminderPayloadSchema.parse(m.payload) })) as {
    payload: ReminderPayload;
    topic: string | null;
    ttl: number | null;
  }[];
}

/** Makes the stand-in answer the device's next pushes with these statuses. */
export async function failNextPushes(device: StandinDevice, statuses: number[]) {
  await fetch(`${standin()}/subscriptions/${device.id}/fail`, {
    method: 'POST',
    body: JSON.stringify({ statuses }),
  });
}

/** The stand-in forgets the device: its pushes are answered 410 Gone from now on. */
export async function dropDevice(device: StandinDevice) {
  await fetch(`${standin()}/subscriptions/${device.id}`, { method: 'DELETE' });
}

export const inMinutes = (minutes: number, from = Date.now()) =>
  new Date(from + minutes * 60_000).toISOString();
