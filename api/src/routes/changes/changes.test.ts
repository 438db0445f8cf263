import {
  apiPaths,
  CHANGE_RETENTION_DAYS,
  ChangePageSchema,
  decodeChangeCursor,
  encodeChangeCursor,
  ListSchema,
  type Change,
  type ChangePage,
} from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { invite, newList, remove, share } from '../../../test/sharing.ts';
import { postTask, readTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

async function page(user: TestUser, cursor?: string, limit?: number): Promise<ChangePage> {
  const query = new URLSearchParams();
  if (cursor !== undefined) query.set('cursor', cursor);
  if (limit !== undefined) query.set('limit', String(limit));
  const res = await user.call(`${apiPaths.changes}?${query}`);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(dbRoundTrips(res)).toBe(1);
  return ChangePageSchema.parse(JSON.parse(text));
}

/** Every change after `cursor`, following `has_more`; answers them and the final cursor. */
async function follow(user: TestUser, cursor: string, limit?: number) {
  const changes: Change[] = [];
  for (;;) {
    const next = await page(user, cursor, limit);
    changes.push(...next.changes);
    cursor = next.cursor;
    if (!next.has_more) return { changes, cursor };
  }
}

const start = async (user: TestUser) => (await page(user)).cursor;
const key = (change: Change) => `${change.entity}:${change.id}:${change.op}`;

const addMember = (owner: TestUser, listId: string, user: TestUser) =>
  share(owner, listId, user, 'editor');

let owner: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  owner = await newUser('feed-owner');
  stranger = await newUser('feed-stranger');
});

describe('GET /changes', () => {
  it('without a cursor answers no changes and the current position', async () => {
    const first = await page(owner);
    expect(first).toMatchObject({ changes: [], has_more: false });
    expect(decodeChangeCursor(first.cursor)).toBeDefined();
    expect((await page(owner, first.cursor)).changes).toEqual([]);
  });

  it('gives a created task as GET /tasks/{id} shows it, and its list (pending count)', async () => {
    const cursor = await start(owner);
    const task = await postTask(owner, { title: 'fed', tags: ['a'] });
    const { changes } = await follow(owner, cursor);
    expect(changes.find((c) => c.entity === 'task')).toEqual({
      entity: 'task',
      id: task.id,
      op: 'upsert',
      data: await readTask(owner, task.id),
    });
    const list = changes.find((c) => c.entity === 'list');
    expect(list).toMatchObject({ id: task.list_id, op: 'upsert', data: { is_inbox: true } });
  });

  it('collapses an entity changed many times into its current state, once', async () => {
    const cursor = await start(owner);
    const task = await postTask(owner, { title: 'v1' });
    for (const title of ['v2', 'v3']) {
      expect((await owner.call(apiPaths.task(task.id), json('PATCH', { title }))).status).toBe(200);
    }
    const { changes } = await follow(owner, cursor);
    const mine = changes.filter((c) => c.id === task.id);
    expect(mine).toEqual([
      { entity: 'task', id: task.id, op: 'upsert', data: await readTask(owner, task.id) },
    ]);
    expect(mine[0]).toMatchObject({ data: { title: 'v3', version: 3 } });
  });

  it('pages in order with has_more, losing and repeating nothing', async () => {
    const cursor = await start(owner);
    const made = [];
    for (let i = 0; i < 7; i++)
      made.push(await postTask(owner, { title: `p${i}`, completed: true }));
    const { changes } = await follow(owner, cursor, 2);
    const tasks = changes.filter((c) => c.entity === 'task').map((c) => c.id);
    expect(tasks).toEqual(made.map((t) => t.id));
  });

  it('keeps a delete as a tombstone', async () => {
    const task = await postTask(owner, { title: 'doomed' });
    const cursor = await start(owner);
    expect((await owner.call(apiPaths.task(task.id), { method: 'DELETE' })).status).toBe(204);
    const { changes } = await follow(owner, cursor);
    expect(changes.map(key)).toContain(`task:${task.id}:delete`);
    expect(changes.find((c) => c.id === task.id)).toEqual({
      entity: 'task',
      id: task.id,
      op: 'delete',
    });
  });

  it('tells every member when a list is deleted: the list and each of its tasks', async () => {
    const member = await newUser('feed-member');
    const list = await newList(owner, 'Shared, then gone');
    await addMember(owner, list.id, member);
    const a = await postTask(owner, { title: 'a', list_id: list.id });
    const b = await postTask(member, { title: 'b', list_id: list.id });
    const cursor = await start(member);
    expect((await owner.call(apiPaths.list(list.id), { method: 'DELETE' })).status).toBe(204);
    const keys = (await follow(member, cursor)).changes.map(key);
    for (const k of [`list:${list.id}:delete`, `task:${a.id}:delete`, `task:${b.id}:delete`]) {
      expect(keys).toContain(k);
    }
  });

  it('never shows a stranger anything of a list they are not in', async () => {
    const cursor = await start(stranger);
    const list = await newList(owner, 'Private');
    const task = await postTask(owner, { title: 'secret', list_id: list.id });
    await owner.call(apiPaths.task(task.id), json('PATCH', { title: 'still secret' }));
    await owner.call(apiPaths.task(task.id), { method: 'DELETE' });
    expect((await follow(stranger, cursor)).changes).toEqual([]);
  });

  it('gives a removed member a delete for the list and each task, and nothing after', async () => {
    const member = await newUser('feed-removed');
    const list = await newList(owner, 'Team');
    const tasks = [
      await postTask(owner, { title: 'one', list_id: list.id }),
      await postTask(owner, { title: 'two', list_id: list.id, completed: true }),
    ];
    const before = await start(member);
    await addMember(owner, list.id, member);
    const joined = await follow(member, before);
    // Joining shows the list and everything in it.
    for (const task of tasks) expect(joined.changes.map(key)).toContain(`task:${task.id}:upsert`);
    expect(joined.changes.map(key)).toContain(`list:${list.id}:upsert`);

    await remove(owner, list.id, member);
    const removed = await follow(member, joined.cursor);
    const keys = removed.changes.map(key);
    expect(keys).toContain(`list:${list.id}:delete`);
    for (const task of tasks) expect(keys).toContain(`task:${task.id}:delete`);
    expect(removed.changes.every((c) => c.op === 'delete')).toBe(true);

    await postTask(owner, { title: 'after', list_id: list.id });
    await owner.call(apiPaths.task(tasks[0]!.id), json('PATCH', { title: 'renamed' }));
    await owner.call(apiPaths.list(list.id), json('PATCH', { name: 'Renamed' }));
    expect((await follow(member, removed.cursor)).changes).toEqual([]);
  });

  it('tells the members of both lists about a move, the one left behind as a delete', async () => {
    const member = await newUser('feed-move');
    const shared = await newList(owner, 'Moving out');
    await addMember(owner, shared.id, member);
    const task = await postTask(owner, { title: 'leaves', list_id: shared.id });
    const cursor = await start(member);
    const lists = ListSchema.array().parse(
      ((await (await owner.call(apiPaths.lists)).json()) as { data: unknown[] }).data,
    );
    const ownersInbox = lists.find((l) => l.is_inbox)!;
    const moved = await owner.call(
      apiPaths.task(task.id),
      json('PATCH', { list_id: ownersInbox.id }),
    );
    expect(moved.status).toBe(200);
    expect((await follow(member, cursor)).changes.map(key)).toContain(`task:${task.id}:delete`);
  });

  it('refuses a malformed cursor naming it, and an expired one with 410', async () => {
    await expectProblem(await owner.call(`${apiPaths.changes}?cursor=nope`), 400, {
      errors: [expect.objectContaining({ path: 'cursor' })],
    });
    await expectProblem(await owner.call(`${apiPaths.changes}?limit=0`), 400, {
      errors: [expect.objectContaining({ path: 'limit' })],
    });
    const fresh = decodeChangeCursor(await start(owner))!;
    const old = encodeChangeCursor({
      ...fresh,
      issuedAt: Math.floor(Date.now() / 1000) - CHANGE_RETENTION_DAYS * 86_400 - 60,
    });
    await expectProblem(await owner.call(`${apiPaths.changes}?cursor=${old}`), 410, {
      errors: [expect.objectContaining({ path: 'cursor' })],
    });
    const young = encodeChangeCursor({
      ...fresh,
      issuedAt: Math.floor(Date.now() / 1000) - CHANGE_RETENTION_DAYS * 86_400 + 3600,
    });
    expect((await owner.call(`${apiPaths.changes}?cursor=${young}`)).status).toBe(200);
  });

  it('shows memberships and invitations to whom the REST routes show them', async () => {
    const member = await newUser('feed-invitee');
    const list = await newList(owner, 'Invites');
    const ownerFrom = await start(owner);
    const memberFrom = await start(member);
    const strangerFrom = await start(stranger);
    const invitation = await invite(owner, list.id, member, 'viewer');
    const invited = (await follow(member, memberFrom)).changes;
    const mine = await member.call(apiPaths.invitations);
    const [listed] = ((await mine.json()) as { data: unknown[] }).data;
    expect(invited).toEqual([{ entity: 'invitation', id: invitation, op: 'upsert', data: listed }]);
    const ownerSees = (await follow(owner, ownerFrom)).changes;
    expect(ownerSees.map(key)).toContain(`invitation:${invitation}:upsert`);

    const accepted = await member.call(apiPaths.invitationAccept(invitation), { method: 'POST' });
    expect(accepted.status).toBe(200);
    const joined = (await follow(member, memberFrom)).changes;
    const members = await owner.call(apiPaths.listMembers(list.id));
    const roster = ((await members.json()) as { data: object[] }).data;
    const memberships = joined.filter((c) => c.entity === 'membership');
    expect(memberships.map((c) => c.op === 'upsert' && c.data)).toEqual(
      expect.arrayContaining(roster.map((m) => ({ ...m, list_id: list.id }))),
    );
    expect(memberships.map((c) => c.id)).toContain(`${list.id}:${member.id}`);
    expect(joined.find((c) => c.id === invitation)).toMatchObject({
      op: 'upsert',
      data: { status: 'accepted' },
    });
    expect((await follow(stranger, strangerFrom)).changes).toEqual([]);
  });

  it('costs one round trip per page also when every kind of entity is on it', async () => {
    const cursor = await start(owner);
    const list = await newList(owner, 'Everything');
    await postTask(owner, { title: 'x', list_id: list.id });
    await invite(owner, list.id, stranger, 'editor');
    const kinds = new Set((await follow(owner, cursor)).changes.map((c) => c.entity));
    expect([...kinds].sort()).toEqual(['invitation', 'list', 'membership', 'task']);
  });
});
