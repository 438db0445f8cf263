import type { BulkAction, Task, TaskCreate, TaskListParams, TaskUpdate } from '@tasks/shared';
import {
  apiPaths,
  BulkResultSchema,
  TaskCountsSchema,
  TaskHistorySchema,
  TaskSchema,
} from 'virtual:contract';
import type { Contract } from '$lib/contract/json-schema';
import { authorized } from './session';

const TaskListSchema: Contract<Task[]> = { type: 'array', items: TaskSchema };

/** One page of tasks and the URL of the next page (from the `Link` header), if any. */
export interface TaskPage {
  tasks: Task[];
  next: string | undefined;
}

/** The first page for a query, or the page a previous `next` URL points at. */
export async function listTasks(
  from: TaskListParams | string,
  signal?: AbortSignal,
): Promise<TaskPage> {
  const url = typeof from === 'string' ? from : `${apiPaths.tasks}${toSearch(from)}`;
  const { data, headers } = await authorized(url, { schema: TaskListSchema, signal });
  return { tasks: data, next: nextLink(headers.get('link')) };
}

/** Creates a task; retries reuse `idempotencyKey`, so the task is created at most once. */
export async function createTask(input: TaskCreate, idempotencyKey: string): Promise<Task> {
  const headers = { 'idempotency-key': idempotencyKey };
  return (
    await authorized(apiPaths.tasks, { method: 'POST', body: input, headers, schema: TaskSchema })
  ).data;
}

/** Changes fields of the task at `version`; a 412 means someone changed it since. */
export async function updateTask(id: string, changes: TaskUpdate, version: number): Promise<Task> {
  return (
    await authorized(apiPaths.task(id), {
      method: 'PATCH',
      body: changes,
      headers: ifMatch(version),
      schema: TaskSchema,
    })
  ).data;
}

/**
 * Sets completion explicitly (idempotent, unlike a toggle) on the task at `version`. For a
 * repeating task `occurrence` names the one being completed, so a retry cannot advance it twice.
 */
export async function setCompletion(
  id: string,
  completed: boolean,
  version: number,
  occurrence?: number,
) {
  return (
    await authorized(apiPaths.taskCompletion(id), {
      method: 'POST',
      body: occurrence === undefined ? { completed } : { completed, occurrence },
      headers: ifMatch(version),
      schema: TaskSchema,
    })
  ).data;
}

/**
 * Moves a repeating task on from `occurrence` without completing it; naming the occurrence
 * makes a retry harmless (the server passes over one already skipped).
 */
export async function skipOccurrence(id: string, version: number, occurrence: number) {
  return (
    await authorized(apiPaths.taskSkip(id), {
      method: 'POST',
      body: { occurrence },
      headers: ifMatch(version),
      schema: TaskSchema,
    })
  ).data;
}

/**
 * Puts a repeating task back on `occurrence`, one it completed or skipped (undo): its history
 * entry goes and the task is open on that occurrence again, at `version`.
 */
export async function restoreOccurrence(id: string, version: number, occurrence: number) {
  return (
    await authorized(apiPaths.taskRestoreOccurrence(id), {
      method: 'POST',
      body: { occurrence },
      headers: ifMatch(version),
      schema: TaskSchema,
    })
  ).data;
}

/** The occurrences of a repeating task done or skipped so far, newest first. */
export async function getHistory(id: string, signal?: AbortSignal) {
  return (await authorized(apiPaths.taskHistory(id), { schema: TaskHistorySchema, signal })).data;
}

/** The task as it is now on the server. */
export async function getTask(id: string): Promise<Task> {
  return (await authorized(apiPaths.task(id), { schema: TaskSchema })).data;
}

/** Deletes the task at `version`. */
export async function deleteTask(id: string, version: number): Promise<void> {
  await authorized(apiPaths.task(id), {
    method: 'DELETE',
    headers: ifMatch(version),
    keepalive: true,
  });
}

/** Brings a deleted task back whole (the undo of a delete): same id, history, one version on. */
export async function restoreTask(id: string): Promise<Task> {
  return (await authorized(apiPaths.taskRestore(id), { method: 'POST', schema: TaskSchema })).data;
}

/** Completes, reopens, deletes, restores or moves (to `listId`) many tasks in one request. */
export async function bulkAction(action: BulkAction['action'], ids: string[], listId?: string) {
  return (
    await authorized(apiPaths.tasksBulk, {
      method: 'POST',
      body: { action, ids, list_id: listId },
      schema: BulkResultSchema,
      keepalive: action === 'delete',
    })
  ).data;
}

/** How many tasks are pending and completed, and the most used tags (kept by the API). */
export async function getCounts(signal?: AbortSignal) {
  return (await authorized(apiPaths.taskCounts, { schema: TaskCountsSchema, signal })).data;
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** `?status=…&tag=a&tag=b…` for the query's set values (repeatable ones repeated). */
export function toSearch(params: TaskListParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== '') search.append(key, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The `rel="next"` target of a Link header, as a path on this origin: the browser only ever
 * talks to the web's own /api, whatever host the API thinks it is.
 */
export function nextLink(link: string | null): string | undefined {
  for (const part of link?.split(',') ?? []) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (!match?.[1] || !/\brel="?next"?/.test(match[2] ?? '')) continue;
    const url = new URL(match[1], 'http://relative.invalid');
    return `${url.pathname}${url.search}`;
  }
  return undefined;
}
