import { apiPaths, TaskSchema, type Task } from '@tasks/shared';
import { sql } from 'drizzle-orm';
import { dateToDays, daysToDate, instantToZoned } from '@tasks/shared/recurrence';
import { expect } from 'vitest';
import { callerWith, json } from './api.ts';
import { withBearer } from './auth.ts';
import { newUser, type TestUser } from './users.ts';

const settled = callerWith();

/**
 * A user whose calls wait for the work a response leaves behind (`waitUntil`: the refill of
 * derived fields), as a later request in production would find it done; `zone` is set by PATCH /me.
 */
export async function timeUser(label: string, zone?: string): Promise<TestUser> {
  const user = await newUser(label);
  const call = (path: string, init?: RequestInit) => settled(path, withBearer(user.token, init));
  if (zone) {
    const res = await call(apiPaths.me, json('PATCH', { time_zone: zone }));
    expect(res.status).toBe(200);
  }
  return { ...user, call };
}

/** The local day `days` from today in `zone`, `YYYY-MM-DD`. */
export function localDay(days: number, zone = 'UTC', now = new Date()): string {
  return daysToDate(dateToDays(instantToZoned(now, zone).date) + days);
}

/** A JSON call answering 200 with a task. */
export async function taskCall(user: TestUser, path: string, init: RequestInit): Promise<Task> {
  const res = await user.call(path, init);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return TaskSchema.parse(JSON.parse(text));
}

/** The zones of the engine's own property tests: DST both ways, a 30-minute shift, none. */
export const DST_ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kolkata',
];

/** A completion's due columns read from a `values … as q(d, t, z, o, n)` row of test cases. */
export const CASE_ROW_DUE = {
  date: sql`q.d`,
  time: sql`q.t`,
  zone: sql`q.z`,
  occurrence: sql`q.o`,
  at: sql`null`,
  now: sql`q.n`,
  rrule: sql`null`,
};
