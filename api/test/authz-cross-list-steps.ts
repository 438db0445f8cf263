import { apiPaths, ClearedSchema, ListPageSchema, TaskCountsSchema } from '@tasks/shared';
import { expect } from 'vitest';
import { expectStatus, isWriter, listOfTask, pickTask, roleOf, type Model } from './authz-model.ts';
import type { StepRunner } from './authz-step.ts';

// The operations of the authorization property that read or write across all the caller's lists.

const call = (model: Model, index: number) => model.users[index]!.call;
/** The lists `user` is a member of, with their indexes. */
const listsOf = (model: Model, user: number) =>
  model.lists.flatMap((list, index) => (list.members.has(user) ? [{ list, index }] : []));

export const crossListSteps: Record<string, StepRunner> = {
  async listLists(model, s, label) {
    const body = await expectStatus(await call(model, s.caller)(apiPaths.lists), 200, label);
    const shown = ListPageSchema.parse(body).data.map((l) => `${l.id}:${l.role}:${l.name}`);
    const expected = listsOf(model, s.caller).map(
      ({ list, index }) => `${list.id}:${roleOf(model, index, s.caller)}:${list.name}`,
    );
    expect(shown.sort(), label).toEqual(expected.sort());
  },

  async counts(model, s, label) {
    const body = await expectStatus(await call(model, s.caller)(apiPaths.taskCounts), 200, label);
    const tasks = listsOf(model, s.caller).flatMap(({ list }) => [...list.tasks.values()]);
    const completed = tasks.filter((task) => task.completed).length;
    expect(TaskCountsSchema.parse(body), label).toMatchObject({
      all: tasks.length,
      pending: tasks.length - completed,
      completed,
    });
  },

  async toggle(model, s, label) {
    const id = pickTask(model, s.list, s.pick);
    const at = listOfTask(model, id);
    const role = at === undefined ? undefined : roleOf(model, at, s.caller);
    const status = role === undefined ? 404 : isWriter(role) ? 200 : 403;
    const res = await call(model, s.caller)(apiPaths.taskCompletion(id), { method: 'PUT' });
    await expectStatus(res, status, label);
    if (status === 200) {
      const task = model.lists[at!]!.tasks.get(id)!;
      task.completed = !task.completed;
    }
  },

  async clearCompleted(model, s, label) {
    const path = `${apiPaths.tasks}?status=completed`;
    const body = await expectStatus(
      await call(model, s.caller)(path, { method: 'DELETE' }),
      200,
      label,
    );
    let deleted = 0;
    for (const { list, index } of listsOf(model, s.caller)) {
      if (!isWriter(roleOf(model, index, s.caller))) continue;
      for (const task of [...list.tasks.values()].filter((t) => t.completed)) {
        list.tasks.delete(task.id);
        deleted += 1;
      }
    }
    expect(ClearedSchema.parse(body), label).toEqual({ deleted });
  },
};
