import { TaskSchema, type Task } from '@tasks/shared';
import type fc from 'fast-check';
import { expect } from 'vitest';
import type { TestUser } from './users.ts';

// The model of the stateful test (stateful.test.ts) and the checks its commands share.

export type Model = { tasks: Map<string, Task> };
export type Real = { user: TestUser; foreignIds: string[] };
export type Command = fc.AsyncCommand<Model, Real>;

/** The model's task at `index` (mod size), or a fresh random id when there is none. */
export function target(model: Model, index: number): { id: string; task: Task | undefined } {
  const ids = [...model.tasks.keys()];
  const id = ids.length ? ids[index % ids.length]! : crypto.randomUUID();
  return { id, task: model.tasks.get(id) };
}

/** The task a response carries, after checking it has `status`. */
export async function taskOf(res: Response, status = 200): Promise<Task> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return TaskSchema.parse(JSON.parse(text));
}

/**
 * Checks a write's answer against `expected` and the completion/timestamp rules; stores it. The
 * suite's one user is the completer of every task it completes.
 */
export function settle(model: Model, before: Task, actual: Task, expected: Task) {
  const {
    completed_at: _completedAt,
    completed_by: _completedBy,
    updated_at: _updatedAt,
    ...fixed
  } = expected;
  expect(actual).toMatchObject(fixed);
  if (actual.version === before.version) expect(actual).toEqual(before);
  else expect(actual.updated_at >= before.updated_at).toBe(true);
  if (!actual.completed) expect(actual.completed_at).toBeNull();
  else if (before.completed) expect(actual.completed_at).toBe(before.completed_at);
  else expect(actual.completed_at).not.toBeNull();
  expect(actual.completed_by).toBe(actual.completed ? actual.user_id : null);
  model.tasks.set(actual.id, actual);
}

/** Every command may run in any state: a missing task is itself a case (404). */
export const always = () => true;
