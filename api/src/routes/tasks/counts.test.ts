import { apiPaths, TAG_COUNTS_MAX } from '@tasks/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectCountsTrue, readCounts } from '../../../test/counts.ts';
import { postTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

let user: TestUser;

beforeEach(async () => {
  user = await newUser('counts');
});

const send = async (path: string, init: RequestInit, status: number) => {
  const res = await user.call(path, init);
  expect(res.status, await res.clone().text()).toBe(status);
  return res;
};

describe('GET /tasks/counts', () => {
  it('is all zeros for a user without tasks', async () => {
    expect(await readCounts(user)).toEqual({ all: 0, pending: 0, completed: 0, tags: [] });
  });

  it('follows creates, edits, toggles and deletes of single tasks', async () => {
    const a = await postTask(user, { title: 'a', tags: ['home', 'Work'] });
    const b = await postTask(user, { title: 'b', completed: true, tags: ['work'] });
    expect(await expectCountsTrue(user)).toEqual({
      all: 2,
      pending: 1,
      completed: 1,
      tags: [
        { name: 'work', count: 2 },
        { name: 'home', count: 1 },
      ],
    });
    await send(apiPaths.task(a.id), json('PATCH', { tags: ['errands', 'home'] }), 200);
    await send(apiPaths.task(a.id), json('PATCH', { title: 'renamed only' }), 200);
    await send(apiPaths.task(b.id), json('PUT', { completed: false, tags: [] }), 200);
    await expectCountsTrue(user);
    await send(apiPaths.taskCompletion(a.id), { method: 'PUT' }, 200);
    await send(apiPaths.taskCompletion(b.id), json('POST', { completed: true }), 200);
    // An explicit completion that changes nothing leaves the counters as they are.
    await send(apiPaths.taskCompletion(b.id), json('POST', { completed: true }), 200);
    expect(await expectCountsTrue(user)).toMatchObject({ pending: 0, completed: 2 });
    await send(apiPaths.task(a.id), { method: 'DELETE' }, 204);
    expect(await expectCountsTrue(user)).toMatchObject({ all: 1, tags: [] });
  });

  it('counts a create once however often its Idempotency-Key is replayed', async () => {
    const keyed = json('POST', { title: 'once', tags: ['x'] }, { 'Idempotency-Key': 'k1' });
    for (let i = 0; i < 3; i++) await send(apiPaths.tasks, keyed, 201);
    expect(await expectCountsTrue(user)).toMatchObject({ all: 1, tags: [{ name: 'x', count: 1 }] });
  });

  it('follows bulk actions and clearing completed tasks', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++)
      ids.push((await postTask(user, { title: `t${i}`, tags: ['t'] })).id);
    const bulk = (action: string, some: string[]) =>
      send(apiPaths.tasksBulk, json('POST', { action, ids: some }), 200);
    await bulk('complete', ids.slice(0, 4));
    expect(await expectCountsTrue(user)).toMatchObject({ pending: 2, completed: 4 });
    await bulk('reopen', ids.slice(0, 1));
    await bulk('delete', [ids[5]!, crypto.randomUUID()]);
    expect(await expectCountsTrue(user)).toMatchObject({ pending: 2, completed: 3 });
    await send(`${apiPaths.tasks}?status=completed`, { method: 'DELETE' }, 200);
    expect(await expectCountsTrue(user)).toEqual({
      all: 2,
      pending: 2,
      completed: 0,
      tags: [{ name: 't', count: 2 }],
    });
  });

  it('never drifts under concurrent writes of one user', async () => {
    const tasks = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        postTask(user, { title: `c${i}`, tags: [`g${i % 3}`, 'all'], completed: i % 2 === 0 }),
      ),
    );
    const writes = tasks.flatMap((task, i) => [
      user.call(apiPaths.taskCompletion(task.id), { method: 'PUT' }),
      user.call(apiPaths.task(task.id), json('PATCH', { tags: [`g${(i + 1) % 3}`] })),
      i % 4 === 0 ? user.call(apiPaths.task(task.id), { method: 'DELETE' }) : undefined,
    ]);
    const ids = tasks.map((task) => task.id);
    writes.push(
      user.call(apiPaths.tasksBulk, json('POST', { action: 'complete', ids: ids.slice(0, 6) })),
      user.call(apiPaths.tasksBulk, json('POST', { action: 'reopen', ids: ids.slice(3, 9) })),
      user.call(`${apiPaths.tasks}?status=completed`, { method: 'DELETE' }),
      user.call(apiPaths.tasks, json('POST', { title: 'late', tags: ['g0'] })),
    );
    const settled = await Promise.all(writes);
    for (const res of settled) expect(res?.status ?? 200).toBeLessThan(500);
    await expectCountsTrue(user);
  });

  it('keeps users apart', async () => {
    const other = await newUser('counts-other');
    await postTask(other, { title: 'theirs', tags: ['secret'] });
    await postTask(user, { title: 'mine' });
    expect(await readCounts(user)).toEqual({ all: 1, pending: 1, completed: 0, tags: [] });
  });
});

describe('GET /tags', () => {
  it(`answers the ${TAG_COUNTS_MAX} most used tags, then by name`, async () => {
    const tags = Array.from({ length: TAG_COUNTS_MAX + 20 }, (_, i) => `tag${1000 + i}`);
    for (let start = 0; start < tags.length; start += 20) {
      await postTask(user, { title: `p${start}`, tags: tags.slice(start, start + 20) });
    }
    await postTask(user, { title: 'popular', tags: [tags.at(-1)!] });
    const counts = await expectCountsTrue(user);
    expect(counts.tags).toHaveLength(TAG_COUNTS_MAX);
    expect(counts.tags[0]).toEqual({ name: tags.at(-1), count: 2 });
    expect(counts.tags[1]).toEqual({ name: tags[0], count: 1 });
  });
});
