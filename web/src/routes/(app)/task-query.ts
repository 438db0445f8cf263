import type { Pathname } from '$app/types';
import type { Priority, SortOrder, TaskListParams, TaskSort } from '@tasks/shared';
import type { TimeView } from '$lib/due/day-groups';
import {
  normalizeTag,
  PRIORITIES,
  SORT_ORDERS,
  TASK_SORT_KEYS,
  TASK_STATUSES,
} from 'virtual:contract';

export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Which tasks a page is about, beside what its URL filters: every list (`/`), one list
 * (`/lists/{id}`), or a slice such as Today (extra API query in `params`).
 */
export interface TaskScope {
  /** The page's path: filters, search and sort stay on it. */
  path: Pathname;
  /** Only this list's tasks; new tasks are created in it. */
  listId?: string;
  /** More of the API's query for every read of this scope (`due_before`, …). */
  params?: Partial<TaskListParams>;
  /** Today or Upcoming: the API's `view=` in the user's zone, by due date, grouped by day. */
  time?: TimeView;
}

export const ALL_TASKS: TaskScope = { path: '/' };

/** What the tasks page shows, as written in its URL (`/?status=pending&tag=home&sort=title`). */
export interface TaskView {
  status: TaskStatus;
  priority: Priority | undefined;
  tag: string | undefined;
  q: string;
  sort: TaskSort;
  order: SortOrder;
}

export const DEFAULT_VIEW: TaskView = {
  status: 'all',
  priority: undefined,
  tag: undefined,
  q: '',
  sort: 'created_at',
  order: 'desc',
};

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((item) => item === value);

/** The view a URL asks for; unknown values fall back to the defaults instead of failing. */
export function readView(url: URL): TaskView {
  const get = (key: keyof TaskView) => url.searchParams.get(key);
  return {
    status: oneOf(TASK_STATUSES, get('status')) ?? DEFAULT_VIEW.status,
    priority: oneOf(PRIORITIES, get('priority')),
    tag: normalizeTag(get('tag') ?? '') || undefined,
    q: get('q')?.trim() ?? '',
    sort: oneOf(TASK_SORT_KEYS, get('sort')) ?? DEFAULT_VIEW.sort,
    order: oneOf(SORT_ORDERS, get('order')) ?? DEFAULT_VIEW.order,
  };
}

/** The URL search for a view: only what differs from the defaults, so links stay short. */
export function viewSearch(view: TaskView): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_VIEW) as (keyof TaskView)[]) {
    const value = view[key];
    if (value !== undefined && value !== '' && value !== DEFAULT_VIEW[key]) params.set(key, value);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The API query for a view of a scope. */
export function listParams(view: TaskView, scope: TaskScope, limit?: number): TaskListParams {
  return {
    ...scope.params,
    list_id: scope.listId,
    status: view.status,
    priority: view.priority ? [view.priority] : undefined,
    tag: view.tag ? [view.tag] : undefined,
    q: view.q || undefined,
    sort: view.sort,
    order: view.order,
    ...(scope.time ? { view: scope.time, sort: 'due_at', order: 'asc' } : {}),
    limit,
  };
}

/** Whether the view narrows the list (so an empty list means "no match", not "no tasks"). */
export function isFiltered(view: TaskView): boolean {
  return view.status !== 'all' || Boolean(view.priority || view.tag || view.q);
}
