import type { Task } from '@tasks/shared';
import { ApiError } from '$lib/api/api-error';
import { tellOtherTabs } from '$lib/tab-sync';
import type { TaskList } from './task-list.svelte';

// What the task actions tell the user and the other tabs after a write.

/**
 * Tells the other tabs. A write's answer already moved the counts (`list.recount`, or
 * `list.applyBulk` for bulk work), so it sends nothing more.
 */
export function changed() {
  tellOtherTabs({ type: 'tasks-changed' });
}

/** A 403 means the user's role in the list changed (made a viewer): show the list as it is now. */
export function noteRefusal(list: TaskList, error: unknown): void {
  if (error instanceof ApiError && error.status === 403) void list.lists?.load();
}

export const quote = (task: Task) => `“${task.title}”`;
export const reason = (error: unknown) =>
  error instanceof Error ? error.message : 'unknown error';
