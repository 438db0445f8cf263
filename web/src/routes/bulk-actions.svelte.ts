import type { Task } from '@tasks/shared';
import { BULK_IDS_MAX } from 'virtual:contract';
import * as api from '$lib/api/tasks';
import { toasts } from '$lib/components/toasts.svelte';
import { changed, reason } from './task-actions.svelte';
import type { TaskList } from './task-list.svelte';

// "Mark all complete" and "Clear completed": they act on every matching task, loaded or not.

async function inChunks(action: 'complete' | 'reopen' | 'delete', ids: string[]) {
  for (let start = 0; start < ids.length; start += BULK_IDS_MAX) {
    await api.bulkAction(action, ids.slice(start, start + BULK_IDS_MAX));
  }
}

/** Completes every pending task (all pages), with Undo. */
export async function markAllComplete(list: TaskList): Promise<void> {
  const before = $state.snapshot(list.tasks) as Task[];
  for (const task of list.tasks) task.completed = true;
  try {
    const ids = await list.write(async () => {
      const pending = await list.allIds('pending');
      await inChunks('complete', pending);
      return pending;
    });
    changed(list, true);
    if (ids.length === 0) return;
    toasts.show(`Marked ${ids.length} ${ids.length === 1 ? 'task' : 'tasks'} complete`, {
      action: {
        label: 'Undo',
        run: () => void list.write(() => inChunks('reopen', ids)).then(() => changed(list, true)),
      },
    });
  } catch (error) {
    list.tasks = before;
    toasts.error(`Couldn’t mark all tasks complete: ${reason(error)}`);
  }
}

/** Hides every completed task with an Undo toast; they are deleted when the toast goes. */
export async function clearCompleted(list: TaskList): Promise<void> {
  const shown = list.tasks.filter((task) => task.completed).map((task) => list.keyOf(task.id));
  for (const id of shown) list.hidden.add(id);
  const unhide = () => shown.forEach((id) => list.hidden.delete(id));
  let ids: string[];
  try {
    ids = await list.allIds('completed');
  } catch (error) {
    unhide();
    return void toasts.error(`Couldn’t clear completed tasks: ${reason(error)}`);
  }
  if (ids.length === 0) {
    unhide();
    return void toasts.show('There are no completed tasks to clear.');
  }
  toasts.show(`Cleared ${ids.length} completed ${ids.length === 1 ? 'task' : 'tasks'}`, {
    action: { label: 'Undo', run: unhide },
    onExpire: () =>
      void list
        .write(() => inChunks('delete', ids))
        .then(() => changed(list, true))
        .catch((error: unknown) => {
          unhide();
          toasts.error(`Couldn’t clear completed tasks: ${reason(error)}`);
        }),
  });
}
