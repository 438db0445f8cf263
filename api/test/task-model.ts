import { PRIORITIES, type Task, type TaskListQuery, type TaskSort } from '@tasks/shared';

/**
 * The contract's list order as a reference implementation: sort key (priority High > Medium > Low,
 * title case-insensitive, no due date last in both orders), then id; desc reverses key and id.
 * Titles must be plain ASCII letters and digits, where every collation agrees with this one.
 */
export function expectedOrder(tasks: Task[], sort: TaskSort, order: 'asc' | 'desc'): Task[] {
  const dir = order === 'asc' ? 1 : -1;
  const key = (task: Task): string | number | null =>
    sort === 'priority'
      ? PRIORITIES.length - PRIORITIES.indexOf(task.priority)
      : sort === 'title'
        ? task.title.toLowerCase()
        : task[sort];
  return [...tasks].sort((a, b) => {
    if (sort === 'due_at' && (a.due_at === null) !== (b.due_at === null)) {
      return a.due_at === null ? 1 : -1;
    }
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) return ((ka ?? '') < (kb ?? '') ? -1 : 1) * dir;
    return (a.id < b.id ? -1 : 1) * dir;
  });
}

/** The tasks `query` selects (status, priority, tag, q and due window), in the contract's order. */
export function expectedList(tasks: Task[], query: TaskListQuery): Task[] {
  const q = query.q?.toLowerCase();
  const selected = tasks.filter(
    (task) =>
      (query.status === 'all' || task.completed === (query.status === 'completed')) &&
      (!query.priority?.length || query.priority.includes(task.priority)) &&
      (query.tag ?? []).every((tag) => task.tags.includes(tag)) &&
      (!q || task.title.toLowerCase().includes(q) || task.description.toLowerCase().includes(q)) &&
      (!query.due_before || (task.due_at !== null && task.due_at < query.due_before)) &&
      (!query.due_after || (task.due_at !== null && task.due_at >= query.due_after)),
  );
  return expectedOrder(selected, query.sort, query.order);
}
