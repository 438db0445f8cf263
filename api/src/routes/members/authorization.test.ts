import { apiPaths, InvitationSchema, ListSchema, TaskSchema, type ShareRole } from '@tasks/shared';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { crossListSteps } from '../../../test/authz-cross-list-steps.ts';
import { memberSteps } from '../../../test/authz-member-steps.ts';
import { expectState, ownerOf, type Model, type ModelList } from '../../../test/authz-model.ts';
import { stepArbitrary, type Step } from '../../../test/authz-step.ts';
import { taskSteps } from '../../../test/authz-task-steps.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

// The authorization property (issue 11): random sequences of every list, task, member and
// invitation operation, by callers who are, per list, owner, editor, viewer, removed member,
// invited-not-accepted or stranger, checked against an in-memory model of who may do what
// (exact status and the data shown); after every step every list's real state is the model's
// (what each user sees of all their lists, Inboxes included, and each shared list's members and
// invitations), so a step changed the list it targeted as the model says and no other list at all.
// Bounded: RUNS runs of at most STEPS steps, ~11 requests per step (decision 0015).

const RUNS = 6;
const STEPS = 10;
const steps = { ...taskSteps, ...memberSteps, ...crossListSteps };

let users: TestUser[];
/** Each user's Inbox id, by user index. */
let inboxes: string[];

beforeAll(async () => {
  users = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((l) => newUser(`authz-${l}`)));
  inboxes = await Promise.all(
    users.map(async (user) => {
      const task = await ok(await user.call(apiPaths.tasks, json('POST', { title: 'inbox' })), 201);
      return TaskSchema.parse(task).list_id;
    }),
  );
  // Six sign-ups (password hashing) take long on a busy machine.
}, 90_000);

/**
 * Per list, who is what: index into `users` of the owner, editor, viewer, removed member and
 * invited-not-accepted (the sixth user is the stranger). Each user has another role in the
 * other list, so a role read from the wrong list shows.
 */
const CAST = [
  [0, 1, 2, 3, 4],
  [5, 2, 1, 4, 3],
] as const;

async function ok(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Invites `user` to the list as `owner`; returns the invitation id. */
async function invite(model: Model, list: number, owner: number, user: number, role: ShareRole) {
  const body = json('POST', { email: users[user]!.email, role });
  const res = await users[owner]!.call(apiPaths.listInvitations(model.lists[list]!.id), body);
  const { id } = InvitationSchema.parse(await ok(res, 201));
  model.invitations.push({ id, list, user, role, status: 'pending' });
  return model.invitations.at(-1)!;
}

/** Builds the cast of one list through the API, and its model. */
async function castList(model: Model, list: number) {
  const [owner, editor, viewer, removed, invited] = CAST[list]!;
  const created = await users[owner]!.call(apiPaths.lists, json('POST', { name: `l${list}` }));
  const { id, name } = ListSchema.parse(await ok(created, 201));
  const entry: ModelList = {
    id,
    name,
    inbox: false,
    deleted: false,
    members: new Map(),
    tasks: new Map(),
  };
  model.lists[list] = entry;
  entry.members.set(owner, 'owner');
  for (const [user, role] of [
    [editor, 'editor'],
    [viewer, 'viewer'],
    [removed, 'editor'],
  ] as const) {
    const invitation = await invite(model, list, owner, user, role);
    await ok(
      await users[user]!.call(apiPaths.invitationAccept(invitation.id), { method: 'POST' }),
      200,
    );
    invitation.status = 'accepted';
    entry.members.set(user, role);
  }
  const assigned = { title: 'assigned', list_id: id, assignee_id: users[removed]!.id };
  const task = TaskSchema.parse(
    await ok(await users[editor]!.call(apiPaths.tasks, json('POST', assigned)), 201),
  );
  entry.tasks.set(task.id, { id: task.id, title: 'assigned', completed: false, assignee: null });
  const path = apiPaths.listMember(id, users[removed]!.id);
  await ok(await users[owner]!.call(path, { method: 'DELETE' }), 204);
  entry.members.delete(removed);
  await invite(model, list, owner, invited, 'editor');
}

/** The model's user index of a task's assignee (null for none). */
function assigneeIndex(task: { assignee_id: string | null }): number | null {
  if (task.assignee_id === null) return null;
  const index = users.findIndex((user) => user.id === task.assignee_id);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

/** User `user`'s Inbox as it is now (earlier runs may have changed its tasks). */
async function inboxList(user: number): Promise<ModelList> {
  const res = await users[user]!.call(`${apiPaths.tasks}?limit=200&list_id=${inboxes[user]!}`);
  const tasks = TaskSchema.array().parse(await ok(res, 200));
  return {
    id: inboxes[user]!,
    name: 'Inbox',
    inbox: true,
    deleted: false,
    members: new Map([[user, 'owner']]),
    tasks: new Map(
      tasks.map((t) => [
        t.id,
        // An Inbox task may be assigned to the Inbox's owner by an earlier run.
        { id: t.id, title: t.title, completed: t.completed, assignee: assigneeIndex(t) },
      ]),
    ),
  };
}

async function run(sequence: Step[]) {
  const model: Model = { users, lists: [], invitations: [] };
  await castList(model, 0);
  await castList(model, 1);
  for (const user of users.keys()) model.lists.push(await inboxList(user));
  await expectState(model, 'setup');
  for (const [index, step] of sequence.entries()) {
    const label = `step ${index} ${JSON.stringify(step)}`;
    await steps[step.op]!(model, step, label);
    await expectState(model, label);
  }
  // The next run starts with only the Inboxes, under their own name: what each user sees stays
  // the model's.
  for (const [index, list] of model.lists.entries()) {
    if (list.deleted || (list.inbox && list.name === 'Inbox')) continue;
    const owner = users[ownerOf(model, index)!]!;
    const path = apiPaths.list(list.id);
    if (list.inbox) await ok(await owner.call(path, json('PATCH', { name: 'Inbox' })), 200);
    else await ok(await owner.call(path, { method: 'DELETE' }), 204);
  }
}

it('lets every caller do exactly what their role allows, on the list they name only', async () => {
  const lists = CAST.length + users.length;
  const arbitrary = fc.array(stepArbitrary(Object.keys(steps), users.length, lists, CAST.length), {
    minLength: 1,
    maxLength: STEPS,
  });
  // fast-check reports the seed and shrunk path of a failure; AUTHZ_SEED replays one.
  const seed = Number(process.env.AUTHZ_SEED) || undefined;
  await fc.assert(fc.asyncProperty(arbitrary, run), { numRuns: RUNS, seed, endOnFailure: true });
}, 120_000);
