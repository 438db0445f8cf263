import { apiPaths } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { postTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';
import { encodeCursor } from './cursor.ts';

const cursorAfter = (id: string) =>
  encodeCursor({ sort: 'created_at', order: 'desc', key: new Date().toISOString(), id });

let user: TestUser;
let id: string;
let other: string;

beforeAll(async () => {
  user = await newUser('trips');
  id = (await postTask(user, { title: 'measured', tags: ['a'] })).id;
  other = (await postTask(user, { title: 'second', completed: true })).id;
  await postTask(user, { title: 'third' });
});

describe('one database round trip per request', () => {
  const key = crypto.randomUUID();
  const requests: [string, () => [string, RequestInit]][] = [
    ['list', () => [`${apiPaths.tasks}?limit=1&q=meas&tag=a&sort=due_at`, {}]],
    ['list with cursor', () => [`${apiPaths.tasks}?limit=1&cursor=${cursorAfter(id)}`, {}]],
    ['create', () => [apiPaths.tasks, json('POST', { title: 'x' })]],
    [
      'create with key',
      () => [apiPaths.tasks, json('POST', { title: 'k' }, { 'Idempotency-Key': key })],
    ],
    [
      'create replay',
      () => [apiPaths.tasks, json('POST', { title: 'k' }, { 'Idempotency-Key': key })],
    ],
    [
      'create key clash (422)',
      () => [apiPaths.tasks, json('POST', { title: 'z' }, { 'Idempotency-Key': key })],
    ],
    ['get', () => [apiPaths.task(id), {}]],
    ['get 304', () => [apiPaths.task(id), { headers: { 'If-None-Match': '*' } }]],
    ['get 404', () => [apiPaths.task(crypto.randomUUID()), {}]],
    ['patch', () => [apiPaths.task(id), json('PATCH', { title: 'renamed' })]],
    [
      'patch 412',
      () => [apiPaths.task(id), json('PATCH', { title: 'no' }, { 'If-Match': '"99"' })],
    ],
    ['put', () => [apiPaths.task(id), json('PUT', { priority: 'High' })]],
    ['toggle', () => [apiPaths.taskCompletion(id), { method: 'PUT' }]],
    ['set completion (PUT)', () => [apiPaths.taskCompletion(id), json('PUT', { completed: true })]],
    [
      'set completion (POST)',
      () => [apiPaths.taskCompletion(id), json('POST', { completed: false })],
    ],
    ['bulk complete', () => [apiPaths.tasksBulk, json('POST', { action: 'complete', ids: [id] })]],
    ['bulk reopen', () => [apiPaths.tasksBulk, json('POST', { action: 'reopen', ids: [id] })]],
    ['tags', () => [apiPaths.tags, {}]],
    ['counts', () => [apiPaths.taskCounts, {}]],
    ['clear completed', () => [`${apiPaths.tasks}?status=completed`, { method: 'DELETE' }]],
    ['bulk delete', () => [apiPaths.tasksBulk, json('POST', { action: 'delete', ids: [other] })]],
    ['delete', () => [apiPaths.task(id), { method: 'DELETE' }]],
    ['restore', () => [apiPaths.taskRestore(id), { method: 'POST' }]],
    ['restore a live task', () => [apiPaths.taskRestore(id), { method: 'POST' }]],
    ['restore 404', () => [apiPaths.taskRestore(crypto.randomUUID()), { method: 'POST' }]],
    ['bulk restore', () => [apiPaths.tasksBulk, json('POST', { action: 'restore', ids: [other] })]],
  ];

  it.each(requests)('%s: desc="1"', async (_name, request) => {
    const [path, init] = request();
    const res = await user.call(path, init);
    expect(res.status).toBeLessThan(500);
    expect(dbRoundTrips(res)).toBe(1);
  });

  it('a malformed id and invalid input are refused without touching the database', async () => {
    expect(dbRoundTrips(await user.call(apiPaths.task('nope')))).toBe(0);
    expect(dbRoundTrips(await user.call(apiPaths.tasks, json('POST', { title: '' })))).toBe(0);
    expect(dbRoundTrips(await user.call(`${apiPaths.tasks}?cursor=zzz`))).toBe(0);
  });
});
