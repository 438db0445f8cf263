import { apiPaths, MemberPageSchema, MemberSchema, TaskSchema } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { invite, newList, remove, share } from '../../../test/sharing.ts';
import { postTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

// Every members route × owner / editor / viewer / removed / invited-not-accepted / stranger.

let owner: TestUser, editor: TestUser, viewer: TestUser;
let removed: TestUser, invited: TestUser, stranger: TestUser;

/** A list shared with every kind of caller, fresh per test. */
async function sharedList() {
  const list = await newList(owner, 'team');
  await share(owner, list.id, editor, 'editor');
  await share(owner, list.id, viewer, 'viewer');
  await share(owner, list.id, removed, 'editor');
  await remove(owner, list.id, removed);
  await invite(owner, list.id, invited, 'editor');
  return list.id;
}

const outsiders = () => [removed, invited, stranger];

beforeAll(async () => {
  [owner, editor, viewer, removed, invited, stranger] = await Promise.all([
    newUser('m-owner'),
    newUser('m-editor'),
    newUser('m-viewer'),
    newUser('m-removed'),
    newUser('m-invited'),
    newUser('m-stranger'),
  ]);
  // Six sign-ups (password hashing) take long on a busy machine.
}, 90_000);

describe('GET /lists/{id}/members', () => {
  it('shows every member, owner first, to members only, in one round trip', async () => {
    const id = await sharedList();
    for (const caller of [owner, editor, viewer]) {
      const res = await caller.call(apiPaths.listMembers(id));
      expect(res.status).toBe(200);
      expect(dbRoundTrips(res)).toBe(1);
      const { data } = MemberPageSchema.parse(await res.json());
      expect(data.map((m) => [m.user_id, m.role])).toEqual([
        [owner.id, 'owner'],
        [editor.id, 'editor'],
        [viewer.id, 'viewer'],
      ]);
      expect(data[0]!.email).toBe(owner.email);
    }
    for (const caller of outsiders()) {
      const res = await caller.call(apiPaths.listMembers(id));
      expect(dbRoundTrips(res)).toBe(1);
      await expectProblem(res, 404);
    }
    await expectProblem(await owner.call(apiPaths.listMembers('nope')), 404);
  });
});

describe('PATCH /lists/{id}/members/{user_id}', () => {
  it('lets the owner change a role (any case), one round trip; nobody else', async () => {
    const id = await sharedList();
    const res = await owner.call(
      apiPaths.listMember(id, viewer.id),
      json('PATCH', { role: 'EDITOR' }),
    );
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    expect(MemberSchema.parse(await res.json())).toMatchObject({
      user_id: viewer.id,
      role: 'editor',
    });
    const body = json('PATCH', { role: 'viewer' });
    for (const caller of [editor, viewer]) {
      await expectProblem(await caller.call(apiPaths.listMember(id, editor.id), body), 403);
    }
    for (const caller of outsiders()) {
      await expectProblem(await caller.call(apiPaths.listMember(id, editor.id), body), 404);
    }
  });

  it('never demotes the owner, never grants owner, names the field', async () => {
    const id = await sharedList();
    await expectProblem(
      await owner.call(apiPaths.listMember(id, owner.id), json('PATCH', { role: 'viewer' })),
      409,
      { errors: [expect.objectContaining({ path: 'user_id' })] },
    );
    await expectProblem(
      await owner.call(apiPaths.listMember(id, editor.id), json('PATCH', { role: 'owner' })),
      400,
      { errors: [expect.objectContaining({ path: 'role' })] },
    );
    for (const who of [stranger, invited, removed]) {
      await expectProblem(
        await owner.call(apiPaths.listMember(id, who.id), json('PATCH', { role: 'viewer' })),
        404,
        { errors: [expect.objectContaining({ path: 'user_id' })] },
      );
    }
  });
});

describe('DELETE /lists/{id}/members/{user_id}', () => {
  it('removes a member at once, also from tasks they created, and unassigns them in the same statement', async () => {
    const id = await sharedList();
    const made = await postTask(editor, { title: 'mine', list_id: id, assignee_id: editor.id });
    const other = await postTask(owner, { title: 'theirs', list_id: id, assignee_id: viewer.id });
    const elsewhere = await postTask(owner, { title: 'inbox' });
    expect(made.assignee_id).toBe(editor.id);
    const res = await owner.call(apiPaths.listMember(id, editor.id), { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(dbRoundTrips(res)).toBe(1);
    await expectProblem(await editor.call(apiPaths.task(made.id)), 404);
    await expectProblem(await editor.call(apiPaths.list(id)), 404);
    const after = TaskSchema.parse(await (await owner.call(apiPaths.task(made.id))).json());
    expect(after).toMatchObject({
      assignee_id: null,
      created_by: editor.id,
      version: made.version + 1,
    });
    const untouched = TaskSchema.parse(await (await owner.call(apiPaths.task(other.id))).json());
    expect(untouched).toEqual(other);
    expect(TaskSchema.parse(await (await owner.call(apiPaths.task(elsewhere.id))).json())).toEqual(
      elsewhere,
    );
  });

  it('lets a member leave, never the owner; others may not remove', async () => {
    const id = await sharedList();
    await expectProblem(
      await viewer.call(apiPaths.listMember(id, editor.id), { method: 'DELETE' }),
      403,
    );
    await expectProblem(
      await editor.call(apiPaths.listMember(id, viewer.id), { method: 'DELETE' }),
      403,
    );
    await expectProblem(
      await editor.call(apiPaths.listMember(id, owner.id), { method: 'DELETE' }),
      403,
    );
    for (const caller of outsiders()) {
      await expectProblem(
        await caller.call(apiPaths.listMember(id, caller.id), { method: 'DELETE' }),
        404,
      );
    }
    const left = await viewer.call(apiPaths.listMember(id, viewer.id), { method: 'DELETE' });
    expect(left.status).toBe(204);
    expect(dbRoundTrips(left)).toBe(1);
    await expectProblem(await viewer.call(apiPaths.list(id)), 404);
    const leave = await owner.call(apiPaths.listMember(id, owner.id), { method: 'DELETE' });
    expect(dbRoundTrips(leave)).toBe(1);
    await expectProblem(leave, 409, { errors: [expect.objectContaining({ path: 'user_id' })] });
    await expectProblem(
      await owner.call(apiPaths.listMember(id, viewer.id), { method: 'DELETE' }),
      404,
    );
  });
});

describe('POST /lists/{id}/transfer', () => {
  it('makes a member the owner and the old owner an editor, in one statement', async () => {
    const id = await sharedList();
    const res = await owner.call(apiPaths.listTransfer(id), json('POST', { user_id: viewer.id }));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    const { data } = MemberPageSchema.parse(JSON.parse(text));
    expect(data[0]).toMatchObject({ user_id: viewer.id, role: 'owner' });
    expect(
      data
        .slice(1)
        .map((m) => `${m.user_id}:${m.role}`)
        .sort(),
    ).toEqual([`${owner.id}:editor`, `${editor.id}:editor`].sort());
    const members = MemberPageSchema.parse(
      await (await editor.call(apiPaths.listMembers(id))).json(),
    );
    expect(members.data.filter((m) => m.role === 'owner').map((m) => m.user_id)).toEqual([
      viewer.id,
    ]);
    // The old owner is an editor now: membership is no longer theirs to change.
    await expectProblem(
      await owner.call(apiPaths.listTransfer(id), json('POST', { user_id: owner.id })),
      403,
    );
    await expectProblem(
      await owner.call(apiPaths.listMember(id, editor.id), { method: 'DELETE' }),
      403,
    );
  });

  it('refuses non-owners, non-members and itself, naming user_id', async () => {
    const id = await sharedList();
    const to = (user: TestUser) => json('POST', { user_id: user.id });
    for (const caller of [editor, viewer]) {
      await expectProblem(await caller.call(apiPaths.listTransfer(id), to(caller)), 403);
    }
    for (const caller of outsiders()) {
      await expectProblem(await caller.call(apiPaths.listTransfer(id), to(caller)), 404);
    }
    for (const who of outsiders()) {
      await expectProblem(await owner.call(apiPaths.listTransfer(id), to(who)), 404, {
        errors: [expect.objectContaining({ path: 'user_id' })],
      });
    }
    await expectProblem(await owner.call(apiPaths.listTransfer(id), to(owner)), 409);
    await expectProblem(
      await owner.call(apiPaths.listTransfer(id), json('POST', { user_id: 'x' })),
      400,
      {
        errors: [expect.objectContaining({ path: 'user_id' })],
      },
    );
  });
});
