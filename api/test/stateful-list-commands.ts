import {
  apiPaths,
  BulkResultSchema,
  ClearedSchema,
  TaskSchema,
  type BulkAction,
  type Task,
  type TaskListQuery,
} from '@tasks/shared';
import { expect } from 'vitest';
import { json } from './api.ts';
import { expectedList } from './task-model.ts';
import { nextLink, readTask } from './tasks.ts';
import { always, settle, target, type Command, type Model, type Real } from './stateful-model.ts';

// Commands of the stateful test over many tasks: paged listing, bulk actions, clearing.

export class ListCommand implements Command {
  constructor(
    readonly query: TaskListQuery,
    readonly params: Record<string, string | number | null | undefined>,
  ) {}
  check = always;
  async run(model: Model, real: Real) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(this.params)) {
      if (value !== null && value !== undefined) search.set(key, String(value));
    }
    const seen: Task[] = [];
    let next: string | undefined = `${apiPaths.tasks}?${search}`;
    for (let pages = 0; next; pages += 1) {
      expect(pages, 'pages of a walk').toBeLessThanOrEqual(model.tasks.size);
      const res = await real.user.call(next);
      const page = TaskSchema.array().parse(await res.json());
      expect(page.length).toBeLessThanOrEqual(this.query.limit);
      seen.push(...page);
      next = nextLink(res);
    }
    expect(seen).toEqual(expectedList([...model.tasks.values()], this.query));
  }
  toString = () => `list ${JSON.stringify(this.params)}`;
}

export class BulkCommand implements Command {
  constructor(
    readonly action: BulkAction['action'],
    readonly indexes: number[],
    readonly withForeign: boolean,
  ) {}
  check = always;
  async run(model: Model, real: Real) {
    const owned = this.indexes.map((i) => target(model, i).id);
    const strangers = [crypto.randomUUID(), ...(this.withForeign ? real.foreignIds : [])];
    const ids = [...owned, ...strangers];
    const res = await real.user.call(
      apiPaths.tasksBulk,
      json('POST', { action: this.action, ids }),
    );
    const result = BulkResultSchema.parse(await res.json());
    const wanted = [...new Set(ids)];
    expect(result.updated).toEqual(wanted.filter((id) => model.tasks.has(id)));
    expect(result.not_found).toEqual(wanted.filter((id) => !model.tasks.has(id)));
    for (const id of result.updated) {
      const before = model.tasks.get(id)!;
      if (this.action === 'delete') {
        model.tasks.delete(id);
        continue;
      }
      const completed = this.action === 'complete';
      const version = before.version + (before.completed === completed ? 0 : 1);
      settle(model, before, await readTask(real.user, id), { ...before, completed, version });
    }
  }
  toString = () =>
    `bulk ${this.action} #${this.indexes.join(',')}${this.withForeign ? ' +foreign' : ''}`;
}

export class ClearCommand implements Command {
  check = always;
  async run(model: Model, real: Real) {
    const res = await real.user.call(`${apiPaths.tasks}?status=completed`, { method: 'DELETE' });
    const done = [...model.tasks.values()].filter((task) => task.completed);
    expect(ClearedSchema.parse(await res.json())).toEqual({ deleted: done.length });
    for (const task of done) model.tasks.delete(task.id);
  }
  toString = () => 'clear completed';
}
