import type { Task } from '@tasks/shared';
import { ListStore } from '$lib/store/lists.svelte';
import { aList } from '$lib/store/task.test-helper';
import { TaskList } from './task-list.svelte';
import { ALL_TASKS, readView, type TaskScope } from './task-query';

// A task page for the store's unit tests: the caller's two lists (`list`: one as the API
// answers it) and the page's tasks, with the counts they make, as a load would have left them.

export const HOME = 'b1a9d9a4-0000-4000-8000-000000000001';
export const WORK = 'b1a9d9a4-0000-4000-8000-000000000002';

export const list = (id: string, pending_count: number) =>
  aList({
    id,
    name: id === HOME ? 'Home' : 'Work',
    color: 'blue',
    is_inbox: id === HOME,
    pending_count,
  });

/** A page of `url` (all tasks unless `scope` says) showing `tasks`, all in Home. */
export function pageWith(tasks: Task[], url = 'http://app.test/', scope: TaskScope = ALL_TASKS) {
  const lists = new ListStore();
  const pending = tasks.filter((t) => !t.completed).length;
  lists.lists = [list(HOME, pending), list(WORK, 0)];
  const page = new TaskList(readView(new URL(url)), scope, lists);
  page.tasks = tasks;
  page.counts = { all: tasks.length, pending, completed: tasks.length - pending, tags: [] };
  return { page, lists };
}

export const pendingOf = (lists: ListStore) => lists.lists.map((l) => l.pending_count);
