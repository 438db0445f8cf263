import { apiPaths, BulkResultSchema, TaskSchema } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { invite, newList, remove, share } from '../../../test/sharing.ts';
import { postTask, readTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

// Tasks of shared lists: assignees are members (checked in the writing statement), a viewer's
// ids make a bulk call a 403, a stranger's stay `not_found`.

let owner: TestUser, editor: TestUser, viewer: TestUser, removed: TestUser;
let invited: TestUser, stranger: TestUser;
let listId: string;

beforeAll(async () => {
  [owner, editor, viewer, removed, invited, stranger] = await Promise.all([
    newUser('s-owner'),
    newUser('s-editor'),
    newUser('s-viewer'),
    newUser('s-removed'),
    newUser('s-invited'),
    newUser('s-stranger'),
  ]);
  listId = (await newList(owner, 'assignees')).id;
  await share(owner, listId, editor, 'editor');
  await share(owner, listId, viewer, 'viewer');
  await share(owner, listId, removed, 'editor');
  await remove(owner, listId, removed);
  await invite(owner, listId, invited, 'editor');
  // Six sign-ups (password hashing) take long on a busy machine.
}, 90_000);

const assigneeProblem = { errors: [expect.objectContaining({ path: 'assignee_id' })] };

describe('assignee_id', () => {
  it('assigns a member of the task’s list on create and patch, in one round trip', async () => {
    const task = await postTask(editor, { title: 'a', list_id: listId, assignee_id: viewer.id });
    expect(task.assignee_id).toBe(viewer.id);
    const keyed = await postTask(
      editor,
      { title: 'k', list_id: listId, assignee_id: owner.id },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(keyed.assignee_id).toBe(owner.id);
    const res = await editor.call(
      apiPaths.task(task.id),
      json('PATCH', { assignee_id: editor.id }),
    );
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    expect(TaskSchema.parse(await res.json()).assignee_id).toBe(editor.id);
    const cleared = await editor.call(apiPaths.task(task.id), json('PATCH', { assignee_id: null }));
    expect(TaskSchema.parse(await cleared.json()).assignee_id).toBeNull();
  });

  it('refuses anyone who is not a member, naming assignee_id, and changes nothing', async () => {
    const task = await postTask(editor, { title: 'b', list_id: listId });
    for (const who of [removed, invited, stranger]) {
      const create = await editor.call(
        apiPaths.tasks,
        json('POST', { title: 'x', list_id: listId, assignee_id: who.id }),
      );
      expect(dbRoundTrips(create)).toBe(1);
      await expectProblem(create, 400, assigneeProblem);
      await expectProblem(
        await editor.call(
          apiPaths.tasks,
          json(
            'POST',
            { title: 'x', list_id: listId, assignee_id: who.id },
            {
              'Idempotency-Key': crypto.randomUUID(),
            },
          ),
        ),
        400,
        assigneeProblem,
      );
      const patch = await editor.call(
        apiPaths.task(task.id),
        json('PATCH', { assignee_id: who.id }),
      );
      expect(dbRoundTrips(patch)).toBe(1);
      await expectProblem(patch, 400, assigneeProblem);
    }
    await expectProblem(
      await editor.call(apiPaths.task(task.id), json('PATCH', { assignee_id: 'bob' })),
      400,
      assigneeProblem,
    );
    expect(await readTask(editor, task.id)).toEqual(task);
  });

  it('checks the assignee against the list a patch moves the task to', async () => {
    const task = await postTask(owner, { title: 'c', list_id: listId, assignee_id: editor.id });
    const inbox = (await postTask(owner, { title: 'where is my inbox' })).list_id;
    await expectProblem(
      await owner.call(
        apiPaths.task(task.id),
        json('PATCH', { list_id: inbox, assignee_id: editor.id }),
      ),
      400,
      assigneeProblem,
    );
    const moved = await owner.call(apiPaths.task(task.id), json('PATCH', { list_id: inbox }));
    expect(TaskSchema.parse(await moved.json())).toMatchObject({
      list_id: inbox,
      assignee_id: null,
    });
  });

  it('lets a viewer assign nobody: the role is checked first', async () => {
    await expectProblem(
      await viewer.call(
        apiPaths.tasks,
        json('POST', { title: 'v', list_id: listId, assignee_id: stranger.id }),
      ),
      403,
    );
  });
});

describe('bulk over a shared list', () => {
  const bulk = (user: TestUser, body: object) => user.call(apiPaths.tasksBulk, json('POST', body));

  it('is a 403 that changes nothing when an id is in a list the caller may only read', async () => {
    const task = await postTask(owner, { title: 'shared', list_id: listId });
    const own = await postTask(viewer, { title: 'viewer’s own' });
    for (const action of ['complete', 'delete', 'reopen']) {
      const res = await bulk(viewer, { action, ids: [own.id, task.id] });
      expect(dbRoundTrips(res)).toBe(1);
      await expectProblem(res, 403);
    }
    await expectProblem(
      await bulk(viewer, { action: 'move', ids: [task.id], list_id: own.list_id }),
      403,
    );
    expect(await readTask(owner, task.id)).toEqual(task);
    expect(await readTask(viewer, own.id)).toEqual(own);
  });

  it('keeps a stranger’s and a removed member’s ids not_found', async () => {
    const task = await postTask(owner, { title: 'hidden', list_id: listId });
    for (const caller of [stranger, removed, invited]) {
      const res = await bulk(caller, { action: 'delete', ids: [task.id] });
      expect(res.status).toBe(200);
      expect(BulkResultSchema.parse(await res.json())).toEqual({
        updated: [],
        not_found: [task.id],
        tasks: [],
      });
    }
    const res = await bulk(editor, { action: 'complete', ids: [task.id] });
    expect(BulkResultSchema.parse(await res.json())).toEqual({
      updated: [task.id],
      not_found: [],
      tasks: [await readTask(owner, task.id)],
    });
  });
});
