import { apiPaths, DATA_RATE_LIMITS, type DataRateLimit } from '@tasks/shared';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { callerWith, json } from '../../test/api.ts';
import { withBearer } from '../../test/auth.ts';
import { expectProblem } from '../../test/problem.ts';
import { newUser } from '../../test/users.ts';
import { dataLimitOf, secondsToNextWindow } from './data-rate-limits.ts';

// The worker with the limiters of production (wrangler.toml's numbers), not the suite's roomy ones.
const call = callerWith({
  DATA_WRITE_LIMITER: env.PRODUCTION_WRITE_LIMITER,
  DATA_READ_LIMITER: env.PRODUCTION_READ_LIMITER,
});

async function asUser() {
  const { token } = await newUser('flood');
  return (path: string, init?: RequestInit) => call(path, withBearer(token, init));
}

type Send = () => Promise<Response>;

/** Sends `count` requests, 20 at a time, and returns their statuses. */
async function flood(send: Send, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let sent = 0; sent < count; sent += 20) {
    const batch = Array.from({ length: Math.min(20, count - sent) }, send);
    statuses.push(...(await Promise.all(batch)).map((res) => res.status));
  }
  return statuses;
}

type User = Awaited<ReturnType<typeof asUser>>;

/**
 * A new user who has just sent `limit.limit` requests (`sender(user)`), all inside one of the
 * limiter's fixed windows: a flood that crossed a window's end (a slow machine) is sent again by
 * another user, from the start of the new window, where it fits.
 */
async function floodedUser(sender: (user: User) => Send, limit: DataRateLimit) {
  const windowOf = () => Math.floor(Date.now() / 1000 / limit.periodSeconds);
  for (;;) {
    const user = await asUser();
    const send = sender(user);
    const start = windowOf();
    const statuses = await flood(send, limit.limit);
    if (windowOf() === start) return { user, send, statuses };
  }
}

async function expectLimited(res: Response, limit: DataRateLimit) {
  await expectProblem(res, 429, { title: 'Too Many Requests' });
  const retryAfter = Number(res.headers.get('Retry-After'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(limit.periodSeconds);
}

describe('per-user rate limits on the data routes', () => {
  it('answer task writes past the limit with 429 and Retry-After, for that user only', async () => {
    const { writes } = DATA_RATE_LIMITS;
    const creates = (user: User) => () => user(apiPaths.tasks, json('POST', { title: 'flood' }));
    const { user, send: create, statuses } = await floodedUser(creates, writes);
    expect(statuses.every((status) => status === 201)).toBe(true);
    await expectLimited(await create(), writes);
    await expectLimited(
      await user(apiPaths.tasksBulk, json('POST', { action: 'complete', ids: [] })),
      writes,
    );
    // Cheap reads stay open to the throttled user, and another user writes as usual.
    expect((await user(`${apiPaths.tasks}?limit=5`)).status).toBe(200);
    const other = await asUser();
    expect((await other(apiPaths.tasks, json('POST', { title: 'mine' }))).status).toBe(201);
  });

  it('answer searches, tag filters and tag counts past the limit with 429 and Retry-After', async () => {
    const { expensiveReads } = DATA_RATE_LIMITS;
    const reads = [`${apiPaths.tasks}?q=quarter`, `${apiPaths.tasks}?tag=urgent`, apiPaths.tags];
    const reader = (user: User) => {
      let i = 0;
      return () => user(reads[i++ % reads.length]!);
    };
    const { user, statuses } = await floodedUser(reader, expensiveReads);
    expect(statuses.every((status) => status === 200)).toBe(true);
    for (const path of reads) await expectLimited(await user(path), expensiveReads);
    expect((await user(apiPaths.tasks)).status).toBe(200);
  });
});

describe('dataLimitOf', () => {
  const url = (path: string) => new URL(path, 'http://api.test');
  it('sorts requests into writes, expensive reads and cheap reads', () => {
    const { writes, expensiveReads } = DATA_RATE_LIMITS;
    const id = crypto.randomUUID();
    expect(dataLimitOf('POST', url(apiPaths.tasks))).toBe(writes);
    expect(dataLimitOf('PATCH', url(apiPaths.task(id)))).toBe(writes);
    expect(dataLimitOf('DELETE', url(apiPaths.tasks))).toBe(writes);
    expect(dataLimitOf('PUT', url(apiPaths.taskCompletion(id)))).toBe(writes);
    expect(dataLimitOf('GET', url(`${apiPaths.tasks}?q=x`))).toBe(expensiveReads);
    expect(dataLimitOf('GET', url(`${apiPaths.tasks}?tag=a&sort=title`))).toBe(expensiveReads);
    expect(dataLimitOf('GET', url(apiPaths.tags))).toBe(expensiveReads);
    expect(dataLimitOf('GET', url(`${apiPaths.tasks}/counts`))).toBe(expensiveReads);
    expect(dataLimitOf('GET', url(`${apiPaths.tasks}?sort=title&limit=50`))).toBeUndefined();
    expect(dataLimitOf('GET', url(apiPaths.task(id)))).toBeUndefined();
    expect(dataLimitOf('POST', url(apiPaths.login))).toBeUndefined();
    expect(dataLimitOf('GET', url(apiPaths.me))).toBeUndefined();
  });

  it('puts Retry-After at the end of the limiter’s window', () => {
    expect(secondsToNextWindow(60, 120_000)).toBe(60);
    expect(secondsToNextWindow(60, 120_999)).toBe(60);
    expect(secondsToNextWindow(60, 179_500)).toBe(1);
    expect(secondsToNextWindow(10, 15_000)).toBe(5);
  });
});
