import {
  apiPaths,
  TaskCreateSchema,
  TaskUpdateSchema,
  type TaskCreate,
  type TaskUpdate,
} from '@tasks/shared';
import { expect } from 'vitest';
import { json } from './api.ts';
import { expectProblem } from './problem.ts';
import { readTask } from './tasks.ts';
import {
  always,
  settle,
  target,
  taskOf,
  type Command,
  type Model,
  type Real,
} from './stateful-model.ts';

// Commands of the stateful test on one task: each runs one API call, checks the answer against
// the model, then updates the model with what the contract says must have happened.

export class CreateCommand implements Command {
  constructor(readonly body: TaskCreate) {}
  check = always;
  async run(model: Model, real: Real) {
    const res = await real.user.call(apiPaths.tasks, json('POST', this.body));
    const task = await taskOf(res, 201);
    const input = TaskCreateSchema.parse(this.body);
    expect(task).toMatchObject({ ...input, user_id: real.user.id, version: 1 });
    expect(task.completed_at === null).toBe(!input.completed);
    model.tasks.set(task.id, task);
  }
  toString = () => `create ${JSON.stringify(this.body)}`;
}

export class UpdateCommand implements Command {
  constructor(
    readonly index: number,
    readonly changes: TaskUpdate,
    readonly precondition: 'none' | 'current' | 'stale',
  ) {}
  check = always;
  async run(model: Model, real: Real) {
    const { id, task } = target(model, this.index);
    const version = (task?.version ?? 1) - (this.precondition === 'stale' ? 1 : 0);
    const headers: Record<string, string> =
      this.precondition === 'none' ? {} : { 'If-Match': `"${version}"` };
    const res = await real.user.call(apiPaths.task(id), json('PATCH', this.changes, headers));
    if (!task) return void (await expectProblem(res, 404));
    if (this.precondition === 'stale') {
      await expectProblem(res, 412);
      return void expect(await readTask(real.user, id)).toEqual(task);
    }
    const parsed = TaskUpdateSchema.parse(this.changes);
    const after = { ...task, ...parsed };
    // An instant alone (as older clients send it) is read as a local day and minute in the
    // user's zone, here UTC: the model's users set none.
    if (parsed.due_at !== undefined) {
      after.due_date = parsed.due_at?.slice(0, 10) ?? null;
      after.due_time = parsed.due_at?.slice(11, 16) ?? null;
    }
    const differs = (
      ['title', 'description', 'completed', 'priority', 'due_at', 'tags'] as const
    ).some((field) => JSON.stringify(after[field]) !== JSON.stringify(task[field]));
    settle(model, task, await taskOf(res), { ...after, version: task.version + (differs ? 1 : 0) });
  }
  toString = () => `update #${this.index} ${JSON.stringify(this.changes)} ${this.precondition}`;
}

export class ToggleCommand implements Command {
  constructor(readonly index: number) {}
  check = always;
  async run(model: Model, real: Real) {
    const { id, task } = target(model, this.index);
    const res = await real.user.call(apiPaths.taskCompletion(id), { method: 'PUT' });
    if (!task) return void (await expectProblem(res, 404));
    settle(model, task, await taskOf(res), {
      ...task,
      completed: !task.completed,
      version: task.version + 1,
    });
  }
  toString = () => `toggle #${this.index}`;
}

export class SetCompletionCommand implements Command {
  constructor(
    readonly index: number,
    readonly completed: boolean,
    readonly method: 'PUT' | 'POST',
  ) {}
  check = always;
  async run(model: Model, real: Real) {
    const { id, task } = target(model, this.index);
    const res = await real.user.call(
      apiPaths.taskCompletion(id),
      json(this.method, { completed: this.completed }),
    );
    if (!task) return void (await expectProblem(res, 404));
    const version = task.version + (task.completed === this.completed ? 0 : 1);
    settle(model, task, await taskOf(res), { ...task, completed: this.completed, version });
  }
  toString = () => `${this.method} complete #${this.index} ${this.completed}`;
}

export class DeleteCommand implements Command {
  constructor(readonly index: number) {}
  check = always;
  async run(model: Model, real: Real) {
    const { id, task } = target(model, this.index);
    const res = await real.user.call(apiPaths.task(id), { method: 'DELETE' });
    if (!task) return void (await expectProblem(res, 404));
    expect(res.status).toBe(204);
    model.tasks.delete(id);
  }
  toString = () => `delete #${this.index}`;
}

export class GetCommand implements Command {
  constructor(readonly index: number) {}
  check = always;
  async run(model: Model, real: Real) {
    const { id, task } = target(model, this.index);
    const res = await real.user.call(apiPaths.task(id));
    if (!task) return void (await expectProblem(res, 404));
    expect(await taskOf(res)).toEqual(task);
  }
  toString = () => `get #${this.index}`;
}
