import { apiPaths, BulkResultSchema, ListSchema, TaskSchema } from '@tasks/shared';
import { expect } from 'vitest';
import { json } from './api.ts';
import {
  expectStatus,
  expectedTasks,
  isWriter,
  listOfTask,
  pickTask,
  roleOf,
  shownTasks,
  type Model,
} from './authz-model.ts';
import type { StepRunner } from './authz-step.ts';

// The list and task operations of the authorization property, each checked against the model.

const caller = (model: Model, index: number) => model.users[index]!;
/** The status of a task write by `role` of the task's list (assignee checked by the caller). */
const writeStatus = (role: string | undefined, ok: number) =>
  role === undefined ? 404 : isWriter(role as never) ? ok : 403;

export const taskSteps: Record<string, StepRunner> = {
  async readList(model, s, label) {
    const list = model.lists[s.list]!;
    const role = roleOf(model, s.list, s.caller);
    const body = await expectStatus(
      await caller(model, s.caller).call(apiPaths.list(list.id)),
      role ? 200 : 404,
      label,
    );
    if (role) {
      expect(ListSchema.parse(body)).toMatchObject({ role, member_count: list.members.size });
    }
  },

  async listTasks(model, s, label) {
    const list = model.lists[s.list]!;
    const path = `${apiPaths.tasks}?limit=200&list_id=${list.id}`;
    const body = await expectStatus(await caller(model, s.caller).call(path), 200, label);
    const visible = roleOf(model, s.list, s.caller) ? expectedTasks(model, s.list) : [];
    expect(shownTasks(body), label).toEqual(visible);
  },

  async readTask(model, s, label) {
    const id = pickTask(model, s.list, s.pick);
    const at = listOfTask(model, id);
    const member = at !== undefined && roleOf(model, at, s.caller) !== undefined;
    const body = await expectStatus(
      await caller(model, s.caller).call(apiPaths.task(id)),
      member ? 200 : 404,
      label,
    );
    if (member)
      expect(shownTasks([body])).toEqual(expectedTasks(model, at).filter((t) => t.id === id));
  },

  async createTask(model, s, label) {
    const list = model.lists[s.list]!;
    const assignee = s.flag ? s.target : null;
    const role = roleOf(model, s.list, s.caller);
    let status = writeStatus(role, 201);
    if (status === 201 && assignee !== null && !list.members.has(assignee)) status = 400;
    const title = `t${s.pick}`;
    const body = {
      title,
      list_id: list.id,
      assignee_id: assignee === null ? null : model.users[assignee]!.id,
    };
    const res = await caller(model, s.caller).call(apiPaths.tasks, json('POST', body));
    const created = await expectStatus(res, status, label);
    if (status !== 201) return;
    const task = TaskSchema.parse(created);
    list.tasks.set(task.id, { id: task.id, title, completed: false, assignee });
  },

  async updateTask(model, s, label) {
    const id = pickTask(model, s.list, s.pick);
    const at = listOfTask(model, id);
    const assignee = s.flag ? s.target : null;
    let status = writeStatus(at === undefined ? undefined : roleOf(model, at, s.caller), 200);
    if (status === 200 && assignee !== null && !model.lists[at!]!.members.has(assignee))
      status = 400;
    const title = `u${s.pick}`;
    const body = { title, assignee_id: assignee === null ? null : model.users[assignee]!.id };
    const res = await caller(model, s.caller).call(apiPaths.task(id), json('PATCH', body));
    await expectStatus(res, status, label);
    if (status === 200) Object.assign(model.lists[at!]!.tasks.get(id)!, { title, assignee });
  },

  async deleteTask(model, s, label) {
    const id = pickTask(model, s.list, s.pick);
    const at = listOfTask(model, id);
    const status = writeStatus(at === undefined ? undefined : roleOf(model, at, s.caller), 204);
    const res = await caller(model, s.caller).call(apiPaths.task(id), { method: 'DELETE' });
    await expectStatus(res, status, label);
    if (status === 204) model.lists[at!]!.tasks.delete(id);
  },

  async moveTask(model, s, label) {
    const id = pickTask(model, s.list, s.pick);
    const at = listOfTask(model, id);
    // Any other list: the other shared one, or an Inbox (the caller's own or someone else's).
    const to = (s.list + 1 + (s.target % (model.lists.length - 1))) % model.lists.length;
    const destination = model.lists[to]!;
    let status = writeStatus(at === undefined ? undefined : roleOf(model, at, s.caller), 200);
    if (status === 200) status = writeStatus(roleOf(model, to, s.caller), 200);
    const res = await caller(model, s.caller).call(
      apiPaths.task(id),
      json('PATCH', { list_id: destination.id }),
    );
    await expectStatus(res, status, label);
    if (status !== 200) return;
    const task = model.lists[at!]!.tasks.get(id)!;
    model.lists[at!]!.tasks.delete(id);
    if (task.assignee !== null && !destination.members.has(task.assignee)) task.assignee = null;
    destination.tasks.set(id, task);
  },

  async bulk(model, s, label) {
    const all = model.lists.flatMap((list) => [...list.tasks.keys()]);
    const ids = [...all.filter((_, i) => (s.pick >> i) & 1), crypto.randomUUID()];
    const action = (['complete', 'reopen', 'delete'] as const)[s.pick % 3]!;
    const roles = ids.map((id) => {
      const at = listOfTask(model, id);
      return at === undefined ? undefined : roleOf(model, at, s.caller);
    });
    const forbidden = roles.some((role) => role === 'viewer');
    const res = await caller(model, s.caller).call(
      apiPaths.tasksBulk,
      json('POST', { action, ids }),
    );
    const body = await expectStatus(res, forbidden ? 403 : 200, label);
    if (forbidden) return;
    const updated = ids.filter((_, i) => isWriter(roles[i]));
    // The answer carries the tasks it changed as they are now: none for a delete, and not those
    // already in the state asked for.
    const done = action === 'complete';
    const changed =
      action === 'delete'
        ? []
        : updated.filter(
            (id) => model.lists[listOfTask(model, id)!]!.tasks.get(id)!.completed !== done,
          );
    const result = BulkResultSchema.parse(body);
    expect(
      { ...result, tasks: result.tasks.map((t) => `${t.id}:${t.completed}`).sort() },
      label,
    ).toEqual({
      updated,
      not_found: ids.filter((id) => !updated.includes(id)),
      tasks: changed.map((id) => `${id}:${done}`).sort(),
    });
    for (const id of updated) {
      const list = model.lists[listOfTask(model, id)!]!;
      if (action === 'delete') list.tasks.delete(id);
      else list.tasks.get(id)!.completed = action === 'complete';
    }
  },
};
