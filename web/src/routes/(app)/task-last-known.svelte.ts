import type { Task, TaskCounts } from '@tasks/shared';
import { LIST_LIMIT_DEFAULT } from 'virtual:contract';
import { toSearch } from '$lib/api/tasks';
import { networkStatus } from '$lib/api/network-status.svelte';
import type { Snapshot } from '$lib/offline/snapshot';
import type { ListStore } from '$lib/store/lists.svelte';
import * as device from './task-device';
import { listParams, type TaskScope, type TaskView } from './task-query';

// The task store's last known state on the device (decision 0022): what a view showed, kept
// for a load that finds the network down. The store applies it; this only reads and keeps it.

/** The device's key of a view: the page and its query. */
const keyOf = (view: TaskView, scope: TaskScope) =>
  `${scope.path}${toSearch(listParams(view, scope, LIST_LIMIT_DEFAULT))}`;

/** Runs `show` once, when the network is found down (while a load waits for it). */
export function whenOffline(show: () => void): () => void {
  let asked = false;
  return $effect.root(() => {
    $effect(() => {
      if (asked || !networkStatus.offline) return;
      asked = true;
      show();
    });
  });
}

export function recall(view: TaskView, scope: TaskScope): Promise<Snapshot | undefined> {
  return device.recall(keyOf(view, scope));
}

/** The writes still waiting in the outbox, to show on a recalled view (task-left-behind). */
export const leftBehind = device.leftBehind;

/** Keeps what a view shows (plain copies: IndexedDB cannot store reactive proxies). */
export function remember(
  view: TaskView,
  scope: TaskScope,
  tasks: Task[],
  counts: TaskCounts,
  lists: ListStore | undefined,
  next: string | undefined,
): void {
  device.remember(keyOf(view, scope), {
    tasks: $state.snapshot(tasks) as Task[],
    counts: $state.snapshot(counts),
    lists: $state.snapshot(lists?.lists ?? []),
    next,
  });
}
