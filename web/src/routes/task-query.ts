import type { Priority, SortOrder, TaskListParams, TaskSort } from '@tasks/shared';
import {
  normalizeTag,
  PRIORITIES,
  SORT_ORDERS,
  TASK_SORT_KEYS,
  TASK_STATUSES,
} from 'virtual:contract';

export type TaskStatus = (typeof TASK_STATUSES)[number];

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

/** The API query for a view. */
export function listParams(view: TaskView, limit?: number): TaskListParams {
  return {
    status: view.status,
    priority: view.priority ? [view.priority] : undefined,
    tag: view.tag ? [view.tag] : undefined,
    q: view.q || undefined,
    sort: view.sort,
    order: view.order,
    limit,
  };
}

/** Whether the view narrows the list (so an empty list means "no match", not "no tasks"). */
export function isFiltered(view: TaskView): boolean {
  return view.status !== 'all' || Boolean(view.priority || view.tag || view.q);
}
