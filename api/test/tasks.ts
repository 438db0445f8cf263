import { apiPaths, TaskSchema, type Task, type TaskCreate } from '@tasks/shared';
import { expect } from 'vitest';
import { json } from './api.ts';
import type { TestUser } from './users.ts';

/** Creates a task through the API and returns it, checked against the shared schema. */
export async function postTask(
  user: TestUser,
  body: TaskCreate,
  headers: HeadersInit = {},
): Promise<Task> {
  const res = await user.call(apiPaths.tasks, json('POST', body, headers));
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return TaskSchema.parse(JSON.parse(text));
}

/** Reads one task (200 expected). */
export async function readTask(user: TestUser, id: string): Promise<Task> {
  const res = await user.call(apiPaths.task(id));
  expect(res.status).toBe(200);
  return TaskSchema.parse(await res.json());
}

/** Every task of `user`, following `Link: rel="next"` until the last page. */
export async function listAll(user: TestUser, query = ''): Promise<Task[]> {
  const tasks: Task[] = [];
  let next: string | undefined = `${apiPaths.tasks}?limit=200${query ? `&${query}` : ''}`;
  while (next) {
    const res = await user.call(next);
    expect(res.status).toBe(200);
    tasks.push(...TaskSchema.array().parse(await res.json()));
    next = nextLink(res);
  }
  return tasks;
}

/** The URL of `Link: <url>; rel="next"`, if present. */
export function nextLink(res: Response): string | undefined {
  return /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('Link') ?? '')?.[1];
}
