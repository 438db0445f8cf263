import type { Task } from '@tasks/shared';
import { ApiError } from '$lib/api/api-error';
import * as api from '$lib/api/tasks';
import { toasts } from '$lib/components/toasts.svelte';
import { offerUndo } from '$lib/undo/undo.svelte';
import type { TaskList } from './task-list.svelte';
import { changed, noteRefusal, quote, reason } from './task-notes';

// Deleting a task: hidden at once and deleted on the server at once (journaled, so one made
// offline is sent later); Undo brings it back with a restore, an ordinary write of its own
// (decision 0034). The row stays in the store, hidden, until the delete is answered, so a write
// to it still in flight finds it and the delete is sent with the version that write produced.

/** Deletes the task now, with Undo. */
export function deleteTask(list: TaskList, task: Task): void {
  const key = list.keyOf(task.id);
  const before = $state.snapshot(task) as Task;
  sendDelete(list, key, before);
  offerUndo(`Deleted ${quote(task)}`, () => restoreTask(list, key, before));
}

/** Undo of a create: the delete of that task, an ordinary write (it has no undo of its own). */
export function undoCreate(list: TaskList, key: string, task: Task): void {
  sendDelete(list, key, $state.snapshot(list.find(key) ?? task) as Task);
}

function sendDelete(list: TaskList, key: string, task: Task): void {
  list.hideDeleted(key, task);
  const entry = list.journal({ kind: 'delete', key, id: list.idOf(key), version: task.version });
  void list.queue(key, async () => {
    try {
      await api.deleteTask(list.idOf(key), list.find(key)?.version ?? task.version);
      list.deleted(key, task);
      changed();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return list.deleted(key, task);
      refused(list, key, task, error);
    } finally {
      list.unjournal(entry);
    }
  });
}

function refused(list: TaskList, key: string, task: Task, error: unknown): void {
  list.unhideDeleted(key, task);
  noteRefusal(list, error);
  const stale = error instanceof ApiError && error.status === 412;
  toasts.error(
    `${quote(task)} was not deleted: ${stale ? 'it was changed elsewhere' : reason(error)}.`,
  );
  list.reload();
}

/**
 * The undo of a delete: the task is shown again at once and restored on the server after the
 * delete (in the task's queue: offline both wait, in order). Its answer is the task as restored.
 */
export async function restoreTask(list: TaskList, key: string, before: Task): Promise<void> {
  list.showAgain(key, before);
  const entry = list.journal({ kind: 'restore', key, id: list.idOf(key), task: before });
  try {
    const task = await list.queue(key, async () => {
      const restored = await api.restoreTask(list.idOf(key));
      // The queue starts the next write (a second delete) before the code below runs: it must
      // already see the restored version, or it meets a 412.
      const current = list.find(key);
      if (current) current.version = restored.version;
      return restored;
    });
    list.restored(key, before, task);
    changed();
  } catch (error) {
    list.gone(key, before);
    noteRefusal(list, error);
    toasts.error(`Couldn’t bring back ${quote(before)}: ${reason(error)}.`);
  } finally {
    list.unjournal(entry);
  }
}
