import type { Task } from '@tasks/shared';
import { ApiError } from '$lib/api/api-error';
import * as api from '$lib/api/tasks';
import { changed, type EditOutcome } from './task-actions.svelte';
import type { TaskList } from './task-list.svelte';
import { closeOffer } from '$lib/undo/undo.svelte';
import { offerSkipUndo } from './task-undo.svelte';

/** Moves a repeating task on to its next occurrence without completing this one. */
export async function skipTask(list: TaskList, task: Task): Promise<EditOutcome> {
  const key = list.keyOf(task.id);
  const snapshot = $state.snapshot(task) as Task;
  closeOffer();
  list.saving.add(key);
  const outcome = await list.queue(key, async (): Promise<EditOutcome> => {
    const current = list.find(key) ?? task;
    try {
      return {
        status: 'saved',
        task: await api.skipOccurrence(list.idOf(key), current.version, current.occurrence),
      };
    } catch (error) {
      if (!(error instanceof ApiError)) return { status: 'failed', error: error as Error };
      if (error.status === 404) return { status: 'gone' };
      if (error.status !== 412) return { status: 'failed', error };
      const latest = await api.getTask(list.idOf(key)).catch(() => undefined);
      return latest ? { status: 'conflict', current: latest } : { status: 'gone' };
    }
  });
  if (!list.isQueued(key)) list.saving.delete(key);
  const before = list.find(key);
  if (outcome.status === 'saved' || outcome.status === 'conflict') {
    const after = outcome.status === 'saved' ? outcome.task : outcome.current;
    list.replace(after, key);
    if (before) list.recount(before, after);
    if (outcome.status === 'saved') {
      offerSkipUndo(list, snapshot, after);
      changed();
    }
  } else if (outcome.status === 'gone') {
    list.remove(key);
    if (before) list.recount(before, undefined);
  }
  return outcome;
}
