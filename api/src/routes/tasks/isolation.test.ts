import { apiPaths, BulkResultSchema, TagCountSchema } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { listAll, postTask, readTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  [alice, bob] = await Promise.all([newUser('alice'), newUser('bob')]);
});

/** Every route that addresses one task, as bob would call it on `id`. */
const routesOn = (id: string): [string, string, RequestInit][] => [
  ['GET', apiPaths.task(id), {}],
  ['GET If-None-Match', apiPaths.task(id), { headers: { 'If-None-Match': '"1"' } }],
  ['PATCH', apiPaths.task(id), json('PATCH', { title: 'pwned' })],
  ['PATCH If-Match', apiPaths.task(id), json('PATCH', { title: 'pwned' }, { 'If-Match': '"1"' })],
  ['PUT', apiPaths.task(id), json('PUT', { title: 'pwned', completed: true })],
  ['PUT toggle', apiPaths.taskCompletion(id), { method: 'PUT' }],
  ['PUT complete', apiPaths.taskCompletion(id), json('PUT', { completed: true })],
  ['POST complete', apiPaths.taskCompletion(id), json('POST', { completed: true })],
  ['DELETE', apiPaths.task(id), { method: 'DELETE' }],
  ['DELETE If-Match', apiPaths.task(id), { method: 'DELETE', headers: { 'If-Match': '"1"' } }],
];

describe('another user’s task', () => {
  it('gets the same 404 as a missing task and a malformed id, on every route', async () => {
    const task = await postTask(alice, { title: 'Alice only', tags: ['secret'], completed: true });
    const ids = {
      foreign: task.id,
      missing: crypto.randomUUID(),
      malformed: 'not-a-uuid',
      sqlish: "1' OR '1'='1",
    };
    const bodies = new Set<string>();
    for (const [label, id] of Object.entries(ids)) {
      for (const [name, path, init] of routesOn(id)) {
        const res = await bob.call(path, init);
        const problem = await expectProblem(res, 404);
        expect(res.headers.get('ETag'), `${label} ${name}`).toBeNull();
        bodies.add(JSON.stringify(problem));
      }
    }
    expect([...bodies]).toHaveLength(1);
    expect(await readTask(alice, task.id)).toEqual(task);
  });

  it('is never listed, counted, bulk-changed or cleared for another user', async () => {
    const task = await postTask(alice, {
      title: 'Still Alice',
      tags: ['private'],
      completed: true,
    });
    const bulk = await bob.call(
      apiPaths.tasksBulk,
      json('POST', { action: 'delete', ids: [task.id] }),
    );
    expect(BulkResultSchema.parse(await bulk.json())).toEqual({
      updated: [],
      not_found: [task.id],
      tasks: [],
    });
    for (const action of ['complete', 'reopen']) {
      const res = await bob.call(apiPaths.tasksBulk, json('POST', { action, ids: [task.id] }));
      expect(BulkResultSchema.parse(await res.json()).not_found).toEqual([task.id]);
    }
    const cleared = await bob.call(`${apiPaths.tasks}?status=completed`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ deleted: 0 });
    const tags = TagCountSchema.array().parse(await (await bob.call(apiPaths.tags)).json());
    expect(tags.map((tag) => tag.name)).not.toContain('private');
    expect(await listAll(bob)).toEqual([]);
    expect(await listAll(bob, 'q=Still')).toEqual([]);
    expect(await readTask(alice, task.id)).toEqual(task);
  });
});
