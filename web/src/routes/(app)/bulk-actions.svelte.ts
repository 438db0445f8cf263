import type { BulkAction, Task } from '@tasks/shared';
import { BULK_IDS_MAX, LIST_LIMIT_MAX } from 'virtual:contract';
import * as api from '$lib/api/tasks';
import { networkStatus } from '$lib/api/network-status.svelte';
import { toasts } from '$lib/components/toasts.svelte';
import { bulkCompleteInverse, movesBack } from '$lib/undo/inverse';
import { closeOffer, offerUndo } from '$lib/undo/undo.svelte';
import { changed, reason } from './task-actions.svelte';
import type { TaskList } from './task-list.svelte';
import type { TaskStatus } from './task-query';

// "Mark all complete" and "Clear completed": they act on every matching task, loaded or not.

/**
 * Every task of the page's scope with `status` on the server (all pages, not only those shown).
 * Offline, the ones the device knows: those `shown` (the page as the user saw it, without the
 * tasks hidden by a delete in its Undo window).
 */
async function allTasks(
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
interface Done {
  updated: string[];
  tasks: Task[];
}

const byId = (tasks: Task[]) => new Map(tasks.map((task) => [task.id, task]));

/**
 * One request per 500 ids, each journaled in the device's outbox until answered (so one made
 * offline is sent after a reload, in order with the single writes); `into` collects the answers.
 */
async function inChunks(
  list: TaskList,
  action: BulkAction['action'],
  ids: string[],
  listId?: string,
  into: Done = { updated: [], tasks: [] },
): Promise<Done> {
  for (let start = 0; start < ids.length; start += BULK_IDS_MAX) {
    const chunk = ids.slice(start, start + BULK_IDS_MAX);
    const keys = chunk.map((id) => list.keyOf(id));
    const key = crypto.randomUUID();
    const versions = keys.map((task) => list.find(task)?.version ?? 0);
    const write = { key, action, keys, ids: chunk, versions, list_id: listId };
    const entry = list.journal({ kind: 'bulk', ...write });
    try {
      const result = await api.bulkAction(action, chunk, listId);
      into.updated.push(...result.updated);
      into.tasks.push(...result.tasks);
    } finally {
      list.unjournal(entry);
    }
  }
  return into;
}

/**
 * The store takes the answers (new versions, counts moved from `before`), so nothing is read
 * again and a toggle right after is sent with the version the bulk write produced.
 */
function applied(list: TaskList, done: Done, before: Task[], deleted = false): void {
  list.applyBulk(deleted ? [] : done.tasks, deleted ? done.updated : [], byId(before));
  changed();
}

/** Runs bulk work as an undo (an ordinary write) and applies its answers. */
function undoBulk(list: TaskList, before: Task[], work: (into: Done) => Promise<unknown>) {
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

/** Moves the chosen tasks (by key) into another list in one request per 500. */
export async function moveTasks(list: TaskList, keys: string[], listId: string, name: string) {
  closeOffer();
  const ids = keys.map((key) => list.idOf(key));
  const before = keys.flatMap((key) => ($state.snapshot(list.find(key)) as Task) ?? []);
  const shown = $state.snapshot(list.tasks) as Task[];
  list.showMoved(keys, listId);
  try {
    const done = await list.write(() => inChunks(list, 'move', ids, listId));
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
        for (const [to, backIds] of back) await inChunks(list, 'move', backIds, to, into);
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
      if (reopen.length) await inChunks(list, 'reopen', reopen, undefined, into);
      for (const task of restore)
        into.tasks.push(await api.restoreOccurrence(task.id, task.version, task.occurrence));
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

/** Hides every completed task with an Undo toast; they are deleted when the toast goes. */
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
  offerUndo(
    `Cleared ${ids.length} completed ${ids.length === 1 ? 'task' : 'tasks'}`,
    unhide,
    () =>
      void list
        .write(() => inChunks(list, 'delete', ids))
        .then((done) => {
          applied(list, done, completed, true);
          unhide();
        })
        .catch((error: unknown) => {
          unhide();
          toasts.error(`Couldn’t clear completed tasks: ${reason(error)}`);
        }),
  );
}
