import type { Task } from '@tasks/shared';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The due date as the user's locale writes it. */
export function formatDue(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** A pending task whose due date has passed. */
export function isOverdue(task: Task, now = Date.now()): boolean {
  return !task.completed && task.due_at !== null && Date.parse(task.due_at) < now;
}

/** `<input type="datetime-local">` value for an instant, in the user's time zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The instant a `datetime-local` value means in the user's time zone; empty → null. */
export function fromLocalInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

/** "1 task left", "3 tasks left". */
export function tasksLeft(count: number): string {
  return `${count} ${count === 1 ? 'task' : 'tasks'} left`;
}
