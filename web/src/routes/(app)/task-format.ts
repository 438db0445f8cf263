const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An instant (when a task was saved, done) as the user's locale writes it, on their clock. */
export function formatInstant(iso: string): string {
  return dateTime.format(new Date(iso));
}
/** "1 task left", "3 tasks left". */
export function tasksLeft(count: number): string {
  return `${count} ${count === 1 ? 'task' : 'tasks'} left`;
}
