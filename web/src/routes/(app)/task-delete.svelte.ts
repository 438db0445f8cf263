import type { Task } from '@tasks/shared';
import { ApiError } from '$lib/api/api-error';
import * as api from '$lib/api/tasks';
import { toasts } from '$lib/components/toasts.svelte';
import { offerUndo } from '$lib/undo/undo.svelte';
import type { TaskList } from './task-list.svelte';
import { changed, noteRefusal, quote, reason } from './task-notes';

// Deleting a task: hidden at once, journaled at once, sent when its Undo window closes
// (decisions 0023, 0029).

const journalDelete = (list: TaskList, key: string, task: Task) =>
  list.journal({ kind: 'delete', key, id: list.idOf(key), version: task.version });

/**
 * Hides the task with an Undo toast; it is deleted when the toast goes. The delete is journaled
 * at once, not when the window closes: a tab closed, killed or offline inside the window still
 * sends it at the next open (decision 0029); Undo takes it out of the journal again.
 */
export function deleteTask(list: TaskList, task: Task): void {
  const key = list.keyOf(task.id);
  list.hideDeleted(key, $state.snapshot(task) as Task);
  const entry = journalDelete(list, key, task);
  offerUndo(
    `Deleted ${quote(task)}`,
    () => {
      list.unjournal(entry);
      list.unhideDeleted(key);
    },
    () => void list.queue(key, () => commitDelete(list, key, task, entry)),
  );
}

async function commitDelete(
  list: TaskList,
  key: string,
  task: Task,
  entry: Promise<number | undefined>,
): Promise<void> {
  const version = list.find(key)?.version ?? task.version;
  try {
    await api.deleteTask(list.idOf(key), version);
    list.unjournal(entry);
    list.deleted(key);
    changed();
  } catch (error) {
    list.unjournal(entry);
    if (error instanceof ApiError && error.status === 404) return list.deleted(key);
    list.unhideDeleted(key);
    noteRefusal(list, error);
    const why =
      error instanceof ApiError && error.status === 412
        ? 'it was changed elsewhere'
        : reason(error);
    toasts.error(`${quote(task)} was not deleted: ${why}.`);
    list.reload();
  }
}

/** Undo of a create: the delete of that task, an ordinary write (no window: it is the undo). */
export function undoCreate(list: TaskList, key: string, task: Task): void {
  const now = list.find(key) ?? task;
  list.hideDeleted(key, $state.snapshot(now) as Task);
  void list.queue(key, () => commitDelete(list, key, now, journalDelete(list, key, now)));
}
