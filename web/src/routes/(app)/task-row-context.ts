import type { Task } from '@tasks/shared';
import type { ListStore } from '$lib/store/lists.svelte';
import type { TaskScope } from './task-query';

/**
 * What a task's row says beyond the task: its list on pages of several lists, and in a shared
 * list who it is assigned to and who completed it (names from the list's members).
 */
export function rowContext(lists: ListStore, scope: TaskScope, task: Task) {
  const of = lists.find(task.list_id);
  const shared = of !== undefined && of.member_count > 1;
  return {
    listName: !scope.listId && of && !of.is_inbox ? of.name : undefined,
    assignee: shared ? lists.memberName(task.list_id, task.assignee_id) : undefined,
    completedBy:
      shared && task.completed ? lists.memberName(task.list_id, task.completed_by) : undefined,
  };
}

/** The shared lists among `tasks`, whose members the page loads for those names. */
export function sharedLists(lists: ListStore, tasks: Task[]): string[] {
  const ids = new Set(tasks.map((task) => task.list_id));
  return [...ids].filter((id) => (lists.find(id)?.member_count ?? 0) > 1);
}
