import {
  apiPaths,
  BulkResultSchema,
  ListPageSchema,
  ListSchema,
  type List,
  type Task,
} from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { listAll, postTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

let owner: TestUser;
let stranger: TestUser;

const lists = async (user: TestUser): Promise<List[]> => {
  const res = await user.call(apiPaths.lists);
  expect(res.status).toBe(200);
  expect(dbRoundTrips(res)).toBe(1);
  return ListPageSchema.parse(await res.json()).data;
};

async function newList(user: TestUser, body: object): Promise<List> {
  const res = await user.call(apiPaths.lists, json('POST', body));
  const text = await res.text();
  expect(res.status, text).toBe(201);
  expect(dbRoundTrips(res)).toBe(1);
  const list = ListSchema.parse(JSON.parse(text));
  expect(res.headers.get('Location')).toBe(apiPaths.list(list.id));
  return list;
}

beforeAll(async () => {
  owner = await newUser('lists-owner');
  stranger = await newUser('lists-stranger');
});

describe('lists', () => {
  it('gives a new account exactly one Inbox, where list-less tasks go', async () => {
    const [inbox, ...others] = await lists(owner);
    expect(others).toEqual([]);
    expect(inbox).toMatchObject({ name: 'Inbox', is_inbox: true, role: 'owner', member_count: 1 });
    const task = await postTask(owner, { title: 'filed' });
    expect(task).toMatchObject({ list_id: inbox!.id, created_by: owner.id, assignee_id: null });
    expect((await lists(owner))[0]!.pending_count).toBe(1);
  });

  it('creates a list with a trimmed name and the default colour, last in the order', async () => {
    const list = await newList(owner, { name: '  Groceries  ' });
    expect(list).toMatchObject({
      name: 'Groceries',
      color: 'gray',
      role: 'owner',
      pending_count: 0,
    });
    expect((await lists(owner)).map((l) => l.name)).toEqual(['Inbox', 'Groceries']);
    const red = await newList(owner, { name: 'Work', color: 'RED' });
    expect(red.color).toBe('red');
    expect(red.position).toBeGreaterThan(list.position);
  });

  it.each([
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ name: 'ok', color: 'chartreuse' }, 'color'],
  ])('refuses %j naming %s', async (body, path) => {
    await expectProblem(await owner.call(apiPaths.lists, json('POST', body)), 400, {
      errors: expect.arrayContaining([expect.objectContaining({ path })]),
    });
  });

  it('files tasks by list_id, filters by it and moves them; counts follow', async () => {
    const list = await newList(owner, { name: 'Errands' });
    const task = await postTask(owner, { title: 'milk', list_id: list.id, tags: ['shop'] });
    expect(task.list_id).toBe(list.id);
    expect((await listAll(owner, `list_id=${list.id}`)).map((t) => t.id)).toEqual([task.id]);
    const inbox = (await lists(owner)).find((l) => l.is_inbox)!;
    const moved = await owner.call(apiPaths.task(task.id), json('PATCH', { list_id: inbox.id }));
    expect(moved.status).toBe(200);
    expect(dbRoundTrips(moved)).toBe(1);
    expect(await listAll(owner, `list_id=${list.id}`)).toEqual([]);
    const after = await lists(owner);
    expect(after.find((l) => l.id === list.id)!.pending_count).toBe(0);
    expect(after.find((l) => l.id === inbox.id)!.pending_count).toBeGreaterThanOrEqual(1);
  });

  it('moves tasks in bulk into a list of the caller’s, one round trip', async () => {
    const list = await newList(owner, { name: 'Bulk' });
    const a = await postTask(owner, { title: 'a' });
    const b = await postTask(owner, { title: 'b', completed: true });
    const missing = crypto.randomUUID();
    const res = await owner.call(
      apiPaths.tasksBulk,
      json('POST', { action: 'move', ids: [a.id, b.id, missing], list_id: list.id }),
    );
    expect(dbRoundTrips(res)).toBe(1);
    const answer = BulkResultSchema.parse(await res.json());
    expect(answer).toMatchObject({ updated: [a.id, b.id], not_found: [missing] });
    const moved = await listAll(owner, `list_id=${list.id}`);
    expect(moved.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
    // The answer carries the moved tasks as a read finds them: new version, new list.
    const byId = (x: Task, y: Task) => x.id.localeCompare(y.id);
    expect(answer.tasks.sort(byId)).toEqual(moved.sort(byId));
    expect((await lists(owner)).find((l) => l.id === list.id)!.pending_count).toBe(1);
    await expectProblem(
      await owner.call(apiPaths.tasksBulk, json('POST', { action: 'move', ids: [a.id] })),
      400,
      { errors: [expect.objectContaining({ path: 'list_id' })] },
    );
  });

  it('renames, recolours, archives and reorders in one round trip', async () => {
    const list = await newList(owner, { name: 'Old' });
    const res = await owner.call(
      apiPaths.list(list.id),
      json('PATCH', { name: 'New', color: 'blue', archived: true, position: 7 }),
    );
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    const updated = ListSchema.parse(JSON.parse(text));
    expect(updated).toMatchObject({ name: 'New', color: 'blue', archived: true, position: 7 });
    expect(updated.updated_at >= list.updated_at).toBe(true);
    const read = await owner.call(apiPaths.list(list.id));
    expect(ListSchema.parse(await read.json())).toEqual(updated);
  });

  it('never archives or deletes the Inbox, and says why', async () => {
    const inbox = (await lists(owner)).find((l) => l.is_inbox)!;
    await expectProblem(
      await owner.call(apiPaths.list(inbox.id), json('PATCH', { archived: true })),
      409,
    );
    await expectProblem(await owner.call(apiPaths.list(inbox.id), { method: 'DELETE' }), 409);
    expect((await lists(owner)).filter((l) => l.is_inbox)).toHaveLength(1);
  });

  it('deletes a list with its tasks, and the counts with them', async () => {
    const list = await newList(owner, { name: 'Doomed' });
    const task = await postTask(owner, { title: 'gone', list_id: list.id });
    const before = await (await owner.call(apiPaths.taskCounts)).json();
    const res = await owner.call(apiPaths.list(list.id), { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(dbRoundTrips(res)).toBe(1);
    await expectProblem(await owner.call(apiPaths.task(task.id)), 404);
    await expectProblem(await owner.call(apiPaths.list(list.id)), 404);
    const counts = (await (await owner.call(apiPaths.taskCounts)).json()) as { pending: number };
    expect(counts.pending).toBe((before as { pending: number }).pending - 1);
  });
});

describe('a stranger to a list', () => {
  it('gets the same 404 as for nothing, for the list, its tasks and ids in bodies', async () => {
    const list = await newList(owner, { name: 'Private' });
    const task = await postTask(owner, { title: 'secret', list_id: list.id });
    const nothing = crypto.randomUUID();
    for (const id of [list.id, nothing, 'not-a-uuid']) {
      await expectProblem(await stranger.call(apiPaths.list(id)), 404);
      await expectProblem(
        await stranger.call(apiPaths.list(id), json('PATCH', { name: 'x' })),
        404,
      );
      await expectProblem(await stranger.call(apiPaths.list(id), { method: 'DELETE' }), 404);
    }
    for (const id of [list.id, nothing]) {
      await expectProblem(
        await stranger.call(apiPaths.tasks, json('POST', { title: 'in', list_id: id })),
        404,
        {
          errors: [expect.objectContaining({ path: 'list_id' })],
        },
      );
      expect(await listAll(stranger, `list_id=${id}`)).toEqual([]);
    }
    await expectProblem(await stranger.call(apiPaths.task(task.id)), 404);
    const mine = await postTask(stranger, { title: 'mine' });
    // Moving one's own task into a foreign list is refused like a missing list.
    await expectProblem(
      await stranger.call(apiPaths.task(mine.id), json('PATCH', { list_id: list.id })),
      404,
      { errors: [expect.objectContaining({ path: 'list_id' })] },
    );
    await expectProblem(
      await stranger.call(
        apiPaths.tasksBulk,
        json('POST', { action: 'move', ids: [mine.id], list_id: list.id }),
      ),
      404,
      { errors: [expect.objectContaining({ path: 'list_id' })] },
    );
    const bulk = await stranger.call(
      apiPaths.tasksBulk,
      json('POST', { action: 'delete', ids: [task.id] }),
    );
    expect(await bulk.json()).toEqual({ updated: [], not_found: [task.id], tasks: [] });
    expect((await lists(stranger)).map((l) => l.name)).toEqual(['Inbox']);
    expect(await listAll(owner, `list_id=${list.id}`)).toHaveLength(1);
  });
});
