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

/** A write journaled in the outbox, and how to send it. */
export interface JournaledStep {
  entry: Promise<number | undefined>;
  send: () => Promise<unknown>;
}

/**
 * Sends journaled writes one after another; each leaves the outbox once answered, and the first
 * refusal gives up the rest (out of the outbox too: they were never sent).
 */
export async function sendInOrder(list: TaskList, steps: JournaledStep[]): Promise<void> {
  for (const [index, { entry, send }] of steps.entries()) {
    try {
      await send();
    } catch (error) {
      for (const rest of steps.slice(index + 1)) list.unjournal(rest.entry);
      throw error;
    } finally {
      list.unjournal(entry);
    }
  }
}

/**
 * The requests of 500 ids each for a bulk action, journaled in the device's outbox now (so one
 * made offline is sent after a reload, in order with the single writes); `into` collects answers.
 */
export function journalChunks(
  list: TaskList,
  action: BulkAction['action'],
  ids: string[],
  { listId, into = { updated: [], tasks: [] } }: ChunkOptions = {},
): JournaledStep[] {
  const steps: JournaledStep[] = [];
  for (let start = 0; start < ids.length; start += BULK_IDS_MAX) {
    const chunk = ids.slice(start, start + BULK_IDS_MAX);
    const keys = chunk.map((id) => list.keyOf(id));
    const versions = keys.map((task) => list.find(task)?.version ?? 0);
    const write = { key: crypto.randomUUID(), action, keys, ids: chunk, versions, list_id: listId };
    const send = async () => {
      const result = await api.bulkAction(action, chunk, listId);
      into.updated.push(...result.updated);
      into.tasks.push(...result.tasks);
    };
    steps.push({ entry: list.journal({ kind: 'bulk', ...write }), send });
  }
  return steps;
}

/**
 * A bulk action in requests of 500 ids, all journaled before the first is sent, and sent once
 * `after` (an earlier write they undo) settles; `into` collects the answers.
 */
export async function inChunks(
  list: TaskList,
  action: BulkAction['action'],
  ids: string[],
  options: ChunkOptions & { after?: Promise<unknown> } = {},
): Promise<Done> {
  const into = options.into ?? { updated: [], tasks: [] };
  const steps = journalChunks(list, action, ids, { ...options, into });
  await options.after?.catch(() => undefined);
  await sendInOrder(list, steps);
  return into;
}

interface ChunkOptions {
  /** The destination of a move. */
  listId?: string;
  into?: Done;
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
