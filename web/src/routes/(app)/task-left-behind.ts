import type { Task } from '@tasks/shared';
import type { OutboxEntry } from '$lib/offline/outbox';
import { draftTask } from './task-draft';
import type { TaskRows } from './task-rows.svelte';

// The view kept on the device is written a moment after each change (TaskView persists it
// 250 ms later), so a page reloaded right after a write may recall the view from before it. The
// writes still waiting in the outbox are what the user did last: they are shown again on the
// recalled view as they were shown when made, so a deleted task does not come back and an edit
// is not lost. Showing a write the recalled view already holds changes nothing.

type Bulk = Extract<OutboxEntry, { kind: 'bulk' }>;

/** Lays the writes an earlier page left unanswered over the view recalled from the device. */
export function showLeftBehind(list: TaskRows, entries: OutboxEntry[]): void {
  for (const entry of entries) {
    if (entry.kind === 'create') {
      const draft = draftTask(entry.body, entry.key, inboxOf(list));
      if (!list.find(entry.key)) show(list, undefined, draft);
    } else if (entry.kind === 'bulk') {
      for (const [index, key] of entry.keys.entries()) {
        const task = shownAs(list, entry.ids?.[index], key);
        if (task) show(list, task, afterBulk(task, entry));
      }
    } else if (entry.kind === 'occurrence') {
      continue; // the occurrence put back is the server's to say: the read after the replay
    } else if (entry.kind === 'restore') {
      if (!shownAs(list, entry.id, entry.key)) show(list, undefined, entry.task);
    } else {
      const task = shownAs(list, entry.id, entry.key);
      if (!task) continue;
      const changes = entry.kind === 'edit' ? (entry.changes as Partial<Task>) : undefined;
      show(list, task, changes && { ...task, ...changes });
    }
  }
}

/**
 * The recalled task a write was made to: by the id it had then (the key of a task created on
 * that page was temporary, and this page does not know it), or by that key (recalled before the
 * create's answer).
 */
const shownAs = (list: TaskRows, id: string | undefined, key: string) =>
  (id && list.find(id)) || list.find(key);

const inboxOf = (list: TaskRows) => list.lists?.inbox?.id;

function afterBulk(task: Task, entry: Bulk): Task | undefined {
  if (entry.action === 'delete') return undefined;
  // A bulk restore's tasks come back with the read after the replay (the entry keeps no rows).
  if (entry.action === 'restore') return task;
  if (entry.action === 'move') return { ...task, list_id: entry.list_id ?? task.list_id };
  return { ...task, completed: entry.action === 'complete' };
}

/** Moves the counts from `before` to `after` and shows `after` where `before` was, if it fits. */
function show(list: TaskRows, before: Task | undefined, after: Task | undefined) {
  list.recount(before, after);
  if (after && list.fitsStatus(after)) {
    if (before) list.replace(after, before.id);
    else list.insert(after);
  } else if (before) list.remove(before.id);
}
