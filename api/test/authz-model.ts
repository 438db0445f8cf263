import {
  apiPaths,
  InvitationPageSchema,
  MemberPageSchema,
  TaskSchema,
  type ListRole,
  type ShareRole,
} from '@tasks/shared';
import { expect } from 'vitest';
import type { TestUser } from './users.ts';

// The in-memory model of the authorization property (members/authorization.test.ts): who is a
// member of which list with which role, which invitations exist and which tasks each list holds.

export type ModelTask = { id: string; title: string; completed: boolean; assignee: number | null };
export type ModelList = {
  id: string;
  name: string;
  /** An Inbox: never shared, never deleted. */
  inbox: boolean;
  deleted: boolean;
  /** User index → role. */
  members: Map<number, ListRole>;
  tasks: Map<string, ModelTask>;
};
export type ModelInvitation = {
  id: string;
  list: number;
  user: number;
  role: ShareRole;
  status: 'pending' | 'accepted' | 'declined' | 'revoked';
};
export type Model = { users: TestUser[]; lists: ModelList[]; invitations: ModelInvitation[] };

export const roleOf = (model: Model, list: number, user: number) =>
  model.lists[list]!.members.get(user);
export const isWriter = (role: ListRole | undefined) => role === 'owner' || role === 'editor';
export const ownerOf = (model: Model, list: number) =>
  [...model.lists[list]!.members].find(([, role]) => role === 'owner')?.[0];

/** The list holding task `id`, if any. */
export function listOfTask(model: Model, id: string): number | undefined {
  const index = model.lists.findIndex((list) => list.tasks.has(id));
  return index < 0 ? undefined : index;
}

/** The `pick`-th task of list `list` (mod its size), or a random id when it holds none. */
export function pickTask(model: Model, list: number, pick: number): string {
  const ids = [...model.lists[list]!.tasks.keys()];
  return ids.length ? ids[pick % ids.length]! : crypto.randomUUID();
}

/** Answers `res` with `status`, showing the body when it is not. */
export async function expectStatus(res: Response, status: number, step: string) {
  const text = await res.text();
  expect(res.status, `${step}: ${text}`).toBe(status);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

const taskView = (model: Model, task: ModelTask) => ({
  id: task.id,
  title: task.title,
  completed: task.completed,
  assignee_id: task.assignee === null ? null : model.users[task.assignee]!.id,
});
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/** The list's tasks as the model has them, in id order. */
export const expectedTasks = (model: Model, list: number) =>
  [...model.lists[list]!.tasks.values()].map((task) => taskView(model, task)).sort(byId);

/** What the API shows of `tasks`, in the same form. */
export const shownTasks = (tasks: unknown) =>
  TaskSchema.array()
    .parse(tasks)
    .map(({ id, title, completed, assignee_id }) => ({ id, title, completed, assignee_id }))
    .sort(byId);

export const expectedMembers = (model: Model, list: number) =>
  [...model.lists[list]!.members].map(([user, role]) => `${model.users[user]!.id}:${role}`).sort();
export const shownMembers = (page: unknown) =>
  MemberPageSchema.parse(page)
    .data.map((member) => `${member.user_id}:${member.role}`)
    .sort();

export const expectedPending = (model: Model, filter: (i: ModelInvitation) => boolean) =>
  model.invitations
    .filter((i) => i.status === 'pending' && filter(i))
    .map((i) => `${i.id}:${model.users[i.user]!.email}:${i.role}:${model.lists[i.list]!.id}`)
    .sort();
export const shownPending = (page: unknown) =>
  InvitationPageSchema.parse(page)
    .data.map((i) => `${i.id}:${i.email}:${i.role}:${i.list_id}`)
    .sort();

/** Every task `user` may see, in all lists, as the model has them. */
const visibleTasks = (model: Model, user: number) =>
  model.lists
    .flatMap((list, index) => (list.members.has(user) ? expectedTasks(model, index) : []))
    .sort(byId);

/**
 * The real state is the model's: every user sees exactly their lists' tasks (Inboxes included),
 * and every shared list has the model's members and pending invitations (read by its owner). So
 * the list a step touched changed as the model says and every other list not at all.
 */
export async function expectState(model: Model, step: string) {
  for (const [index, user] of model.users.entries()) {
    const tasks = await user.call(`${apiPaths.tasks}?limit=200`);
    expect(shownTasks(await tasks.json()), `${step}: tasks user ${index} sees`).toEqual(
      visibleTasks(model, index),
    );
  }
  for (const [index, list] of model.lists.entries()) {
    if (list.deleted || list.inbox) continue;
    const owner = model.users[ownerOf(model, index)!]!;
    const members = await owner.call(apiPaths.listMembers(list.id));
    expect(shownMembers(await members.json()), `${step}: members of ${index}`).toEqual(
      expectedMembers(model, index),
    );
    const pending = await owner.call(apiPaths.listInvitations(list.id));
    expect(shownPending(await pending.json()), `${step}: invitations of ${index}`).toEqual(
      expectedPending(model, (i) => i.list === index),
    );
  }
}
