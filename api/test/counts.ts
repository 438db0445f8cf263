import {
  apiPaths,
  TAG_COUNTS_MAX,
  TagCountSchema,
  TaskCountsSchema,
  type Task,
  type TaskCounts,
} from '@tasks/shared';
import { expect } from 'vitest';
import { listAll } from './tasks.ts';
import type { TestUser } from './users.ts';

/** The counts a user's tasks really have, computed from every task (all pages). */
export function countsOf(tasks: Task[]): TaskCounts {
  const tags = new Map<string, number>();
  for (const task of tasks) for (const tag of task.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
  const completed = tasks.filter((task) => task.completed).length;
  return {
    all: tasks.length,
    pending: tasks.length - completed,
    completed,
    tags: [...tags]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, TAG_COUNTS_MAX),
  };
}

/** `GET /tasks/counts`, checked against the shared schema. */
export async function readCounts(user: TestUser): Promise<TaskCounts> {
  const res = await user.call(apiPaths.taskCounts);
  expect(res.status).toBe(200);
  return TaskCountsSchema.parse(await res.json());
}

/** The counters agree with a real count of the user's tasks, and `GET /tags` with both. */
export async function expectCountsTrue(user: TestUser): Promise<TaskCounts> {
  const counts = await readCounts(user);
  expect(counts).toEqual(countsOf(await listAll(user)));
  const tags = TagCountSchema.array().parse(await (await user.call(apiPaths.tags)).json());
  expect(tags).toEqual(counts.tags);
  return counts;
}
