import type { Task } from '@tasks/shared';
import * as api from '$lib/api/tasks';
import { toasts } from '$lib/components/toasts.svelte';
import { bulkCompleteInverse, movesBack } from '$lib/undo/inverse';
import { closeOffer, offerUndo } from '$lib/undo/undo.svelte';
import { reason } from './task-actions.svelte';
import {
  allTasks,
  applied,
  byId,
  type Done,
  inChunks,
  journalChunks,
  sendInOrder,
  undoBulk,
} from './bulk-writes';
import type { TaskList } from './task-list.svelte';

// "Mark all complete" and "Clear completed": they act on every matching task, loaded or not.

/** Moves the chosen tasks (by key) into another list in one request per 500. */
export async function moveTasks(list: TaskList, keys: string[], listId: string, name: string) {
  closeOffer();
  const ids = keys.map((key) => list.idOf(key));
  const before = keys.flatMap((key) => ($state.snapshot(list.find(key)) as Task) ?? []);
  const shown = $state.snapshot(list.tasks) as Task[];
  list.showMoved(keys, listId);
  try {
    const done = await list.write(() => inChunks(list, 'move', ids, { listId }));
    applied(list, done, before);
    const moved = done.updated.length;
    const refused = ids.length - moved;
    // Those shown as moved that did not move come back from the server.
    if (refused > 0) list.reload();
    // Undo moves back only what moved, each to the list it came from.
    const back = movesBack(
      before.filter((task) => done.updated.includes(task.id)),
      listId,
    );
    const undo = () =>
      undoBulk(list, done.tasks, async (into) => {
        for (const [to, backIds] of back)
          await inChunks(list, 'move', backIds, { listId: to, into });
      });
    offerUndo(
      `Moved ${moved} ${moved === 1 ? 'task' : 'tasks'} to “${name}”` +
        (refused > 0 ? `; ${refused} could not be moved (read-only or gone)` : ''),
      undo,
    );
  } catch (error) {
    // Some chunks may have moved: show the page as it was, then as the server has it.
    list.tasks = shown;
    list.reload();
    toasts.error(`Couldn’t move the tasks: ${reason(error)}`);
  }
}

/** Completes every pending task (all pages), with Undo. */
export async function markAllComplete(list: TaskList): Promise<void> {
  closeOffer();
  const before = $state.snapshot(list.tasks) as Task[];
  const visible = $state.snapshot(list.visible) as Task[];
  for (const task of list.tasks) task.completed = true;
  try {
    const [pending, done] = await list.write(async () => {
      const tasks = await allTasks(list, 'pending', visible);
      const ids = tasks.map((task) => task.id);
      return [tasks, await inChunks(list, 'complete', ids)] as const;
    });
    applied(list, done, pending);
    if (pending.length === 0) return;
    const { reopen, restore } = bulkCompleteInverse(pending, byId(done.tasks));
    const undo = async (into: Done) => {
      // Journaled before anything is sent, so all of the undo survives a close offline.
      const occurrences = restore.map((task) => ({
        entry: list.journal({ kind: 'occurrence', key: list.keyOf(task.id), ...task }),
        send: async () =>
          into.tasks.push(await api.restoreOccurrence(task.id, task.version, task.occurrence)),
      }));
      const reopens = journalChunks(list, 'reopen', reopen, { into });
      await sendInOrder(list, [...reopens, ...occurrences]);
    };
    const count = pending.length;
    offerUndo(`Marked ${count} ${count === 1 ? 'task' : 'tasks'} complete`, () =>
      undoBulk(list, done.tasks, undo),
    );
  } catch (error) {
    list.tasks = before;
    toasts.error(`Couldn’t mark all tasks complete: ${reason(error)}`);
  }
}

/**
 * Deletes every completed task (all pages) at once, with Undo: a bulk restore, an ordinary write
 * queued behind the delete. The shown ones are hidden until the delete is answered.
 */
export async function clearCompleted(list: TaskList): Promise<void> {
  closeOffer();
  const visible = $state.snapshot(list.visible) as Task[];
  const shown = list.tasks.filter((task) => task.completed).map((task) => list.keyOf(task.id));
  for (const id of shown) list.hidden.add(id);
  const unhide = () => shown.forEach((id) => list.hidden.delete(id));
  let completed: Task[];
  try {
    completed = await allTasks(list, 'completed', visible);
  } catch (error) {
    unhide();
    return void toasts.error(`Couldn’t clear completed tasks: ${reason(error)}`);
  }
  const ids = completed.map((task) => task.id);
  if (ids.length === 0) {
    unhide();
    return void toasts.show('There are no completed tasks to clear.');
  }
  let undone = false;
  let gone = false;
  const cleared = list
    .write(() => inChunks(list, 'delete', ids))
    .then(
      (done) => {
        if (!undone) applied(list, done, completed, true);
        gone = !undone;
        unhide();
        return done;
      },
      (error: unknown) => {
        unhide();
        toasts.error(`Couldn’t clear completed tasks: ${reason(error)}`);
        return undefined;
      },
    );
  const undo = async () => {
    undone = true;
    unhide();
    // Already gone from the page: shown (those the page showed) and counted again at once.
    if (gone) for (const task of completed) showAgain(list, task, shown);
    // Journaled now, sent once the delete is answered (offline both wait, in order).
    await undoBulk(list, completed, (into) =>
      inChunks(list, 'restore', ids, { into, after: cleared }),
    );
  };
  offerUndo(`Cleared ${ids.length} completed ${ids.length === 1 ? 'task' : 'tasks'}`, undo);
}

function showAgain(list: TaskList, task: Task, shown: readonly string[]): void {
  const key = list.keyOf(task.id);
  if (shown.includes(key)) list.showAgain(key, task);
  else list.recount(undefined, task);
}
