import type { BulkAction, Task } from '@tasks/shared';
import { BULK_IDS_MAX, LIST_LIMIT_MAX } from 'virtual:contract';
import * as api from '$lib/api/tasks';
import { networkStatus } from '$lib/api/network-status.svelte';
import { toasts } from '$lib/components/toasts.svelte';
import { changed, reason } from './task-actions.svelte';
import type { TaskList } from './task-list.svelte';
import type { TaskStatus } from './task-query';

// The plumbing of bulk work (bulk-actions.svelte.ts, the task selection's actions): the tasks to
// act on, the requests of 500 ids journaled in the outbox, their answers applied to the store.

/**
 * Every task of the page's scope with `status` on the server (all pages, not only those shown).
 * Offline, the ones the device knows: those `shown` (the page as the user saw it, without the
 * tasks hidden by a delete on its way).
 */
export async function allTasks(
  list: TaskList,
  status: Exclude<TaskStatus, 'all'>,
  shown: Task[],
): Promise<Task[]> {
  if (networkStatus.browserOffline) {
    return shown.filter((task) => task.completed === (status === 'completed'));
  }
  const tasks: Task[] = [];
  const { params, listId } = list.scope;
  let page = await api.listTasks({ ...params, list_id: listId, status, limit: LIST_LIMIT_MAX });
  tasks.push(...page.tasks);
  while (page.next) {
    page = await api.listTasks(page.next);
    tasks.push(...page.tasks);
  }
  return tasks;
}

/** What bulk work did: the ids acted on, and the tasks it changed as they are now. */
export interface Done {
  updated: string[];
  tasks: Task[];
}

export const byId = (tasks: Task[]) => new Map(tasks.map((task) => [task.id, task]));

/**
 * One request per 500 ids, each journaled in the device's outbox until answered (so one made
 * offline is sent after a reload, in order with the single writes), all of them before the first
 * is sent, and sent once `after` (an earlier write they undo) settles; `into` collects answers.
 */
export async function inChunks(
  list: TaskList,
  action: BulkAction['action'],
  ids: string[],
  { listId, into = { updated: [], tasks: [] }, after }: ChunkOptions = {},
): Promise<Done> {
  const chunks = [];
  for (let start = 0; start < ids.length; start += BULK_IDS_MAX) {
    const chunk = ids.slice(start, start + BULK_IDS_MAX);
    const keys = chunk.map((id) => list.keyOf(id));
    const versions = keys.map((task) => list.find(task)?.version ?? 0);
    const write = { key: crypto.randomUUID(), action, keys, ids: chunk, versions, list_id: listId };
    chunks.push({ chunk, entry: list.journal({ kind: 'bulk', ...write }) });
  }
  await after?.catch(() => undefined);
  for (const [index, { chunk, entry }] of chunks.entries()) {
    try {
      const result = await api.bulkAction(action, chunk, listId);
      into.updated.push(...result.updated);
      into.tasks.push(...result.tasks);
    } catch (error) {
      // Not sent: none of the rest is either, and none of them waits in the outbox.
      for (const rest of chunks.slice(index + 1)) list.unjournal(rest.entry);
      throw error;
    } finally {
      list.unjournal(entry);
    }
  }
  return into;
}

interface ChunkOptions {
  /** The destination of a move. */
  listId?: string;
  into?: Done;
  after?: Promise<unknown>;
}

/**
 * The store takes the answers (new versions, counts moved from `before`), so nothing is read
 * again and a toggle right after is sent with the version the bulk write produced.
 */
export function applied(list: TaskList, done: Done, before: Task[], deleted = false): void {
  list.applyBulk(deleted ? [] : done.tasks, deleted ? done.updated : [], byId(before));
  changed();
}

/** Runs bulk work as an undo (an ordinary write) and applies its answers. */
export function undoBulk(list: TaskList, before: Task[], work: (into: Done) => Promise<unknown>) {
  const done: Done = { updated: [], tasks: [] };
  return list
    .write(() => work(done))
    .then(() => applied(list, done, before))
    .catch((error: unknown) => {
      // Part of it may have been written: show what is now so.
      if (done.tasks.length > 0) applied(list, done, before);
      toasts.error(`Couldn’t undo: ${reason(error)}`);
    });
}
