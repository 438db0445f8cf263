import type { Task, TaskUpdate } from '@tasks/shared';
import { ApiError } from '$lib/api/api-error';
import * as api from '$lib/api/tasks';
import { toasts } from '$lib/components/toasts.svelte';
import { formatClock, formatDay } from '$lib/due/due-format';
import { tellOtherTabs } from '$lib/tab-sync';
import { advanced, editInverse } from '$lib/undo/inverse';
import { offerUndo, retitle, withdraw } from '$lib/undo/undo.svelte';
import type { TaskList } from './task-list.svelte';

// The Undo offered after each single-task change. An edit's undo is another edit (sent by the
// caller's `resend`, so it goes through the same queue, If-Match and conflict handling); a
// repeating task's completion or skip is undone by putting its occurrence back.

const quote = (task: Task) => `“${task.title}”`;

/** What the toast says an edit did. */
function editMessage(before: Task, changes: TaskUpdate): string {
  const fields = Object.keys(changes);
  const only = (field: keyof TaskUpdate) => fields.length === 1 && field in changes;
  if (only('completed')) return `${changes.completed ? 'Completed' : 'Reopened'} ${quote(before)}`;
  if (only('list_id')) return `Moved ${quote(before)}`;
  if (only('recurrence') && changes.recurrence === null) return `${quote(before)} stops repeating`;
  return `Updated ${quote(before)}`;
}

/** “Next due …” for a repeating task that moved on, else nothing. */
function nextDue(task: Task): string {
  if (task.completed || !task.due_date) return '';
  const time = task.due_time ? `, ${formatClock(task.due_time)}` : '';
  return ` Next due ${formatDay(task.due_date)}${time}.`;
}

/**
 * Offers to undo an edit of `before` at once, while `saved` (the task as the server saved it, or
 * undefined: refused) is on its way; taken early, the undo waits for it. Completing a repeating
 * task is only known to have moved it on once answered: the offer then says so.
 */
export function offerEditUndo(
  list: TaskList,
  before: Task,
  changes: TaskUpdate,
  saved: Promise<Task | undefined>,
  resend: (task: Task, changes: TaskUpdate) => unknown,
): void {
  const key = list.keyOf(before.id);
  const moved = (after: Task) => 'completed' in changes && advanced(before, after);
  const id = offerUndo(editMessage(before, changes), async () => {
    const after = await saved;
    if (!after) return;
    if (moved(after)) return restoreOccurrence(list, key, after, before.occurrence);
    return resend(list.find(key) ?? after, editInverse(before, changes));
  });
  void saved.then((after) => {
    if (!after) withdraw(id);
    else if (moved(after)) retitle(id, `${quote(before)} done.${nextDue(after)}`);
  });
}

/** Offers to undo a skip of `before`'s occurrence that gave `after`. */
export function offerSkipUndo(list: TaskList, before: Task, after: Task): void {
  const key = list.keyOf(after.id);
  const message = `Skipped ${quote(before)}.${nextDue(after)}`;
  offerUndo(message, () => restoreOccurrence(list, key, after, before.occurrence));
}

/** Puts the task back on `occurrence` (after any write to it in flight), as shown or `fallback`. */
export async function restoreOccurrence(
  list: TaskList,
  key: string,
  fallback: Task,
  occurrence: number,
): Promise<void> {
  list.saving.add(key);
  const version = list.find(key)?.version ?? fallback.version; // as journaled; sent: the latest
  const entry = list.journal({ kind: 'occurrence', key, id: list.idOf(key), version, occurrence });
  try {
    const task = await list.queue(key, () => {
      const version = list.find(key)?.version ?? fallback.version;
      return api.restoreOccurrence(list.idOf(key), version, occurrence);
    });
    const shown = list.find(key);
    if (shown) list.replace(task, key);
    else if (list.fitsStatus(task)) list.insert(task);
    list.recount(shown ?? fallback, task);
    tellOtherTabs({ type: 'tasks-changed' });
  } catch (error) {
    const why =
      error instanceof ApiError && error.status === 412
        ? 'it was changed elsewhere'
        : error instanceof Error
          ? error.message
          : 'unknown error';
    toasts.error(`Couldn’t undo ${quote(fallback)}: ${why}.`);
    list.reload();
  } finally {
    list.unjournal(entry);
    if (!list.isQueued(key)) list.saving.delete(key);
  }
}
