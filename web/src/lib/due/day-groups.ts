import { dayIn, formatDay } from './due-format';
import type { Due } from './task-due';

/** The views of `GET /tasks?view=` the web has pages for. */
export type TimeView = 'today' | 'upcoming';

const DAY_MS = 86_400_000;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The day a task falls on for the user, as the API's views count it: an all-day task's date (a
 * calendar day is the same day anywhere), a timed task's instant read on the user's clock; and
 * the user's today.
 */
function dayOf(task: Due, userZone: string, now: number) {
  const timed = task.due_time !== null && task.due_at !== null;
  return {
    due: timed ? dayIn(Date.parse(task.due_at!), userZone) : task.due_date,
    today: dayIn(now, userZone),
  };
}

/**
 * Whether a task belongs in a view after a write (a completed repeating task may move out of
 * Today). The API decides on reads; this follows it: not completed, and due today or before
 * (Today) or on one of the `days` days from today (Upcoming).
 */
export function fitsView(
  task: Due,
  view: TimeView,
  userZone: string,
  days: number,
  now = Date.now(),
): boolean {
  const { due, today } = dayOf(task, userZone, now);
  if (task.completed || !due) return false;
  return view === 'today' ? due <= today : due >= today && due <= addDays(today, days - 1);
}

export interface DayGroup<T> {
  /** The group's date, or "overdue" for those before today. */
  key: string;
  label: string;
  tasks: T[];
}

/** Words for a day near today: "Today", "Tomorrow", else the date. */
function dayLabel(date: string, today: string): string {
  if (date === today) return 'Today';
  if (date === addDays(today, 1)) return 'Tomorrow';
  return formatDay(date);
}

/**
 * Tasks in groups by their due day, in the order given (the API sorts by due): overdue ones
 * first in one group of their own, then one group per day.
 */
export function groupByDay<T extends Due>(
  tasks: readonly T[],
  userZone: string,
  now = Date.now(),
): DayGroup<T>[] {
  const groups = new Map<string, DayGroup<T>>();
  for (const task of tasks) {
    const { due, today } = dayOf(task, userZone, now);
    const key = !due ? 'none' : due < today ? 'overdue' : due;
    let group = groups.get(key);
    if (!group) {
      const label =
        key === 'none' ? 'No date' : key === 'overdue' ? 'Overdue' : dayLabel(key, today);
      group = { key, label, tasks: [] };
      groups.set(key, group);
    }
    group.tasks.push(task);
  }
  const order = (key: string) => (key === 'overdue' ? '' : key === 'none' ? '~' : key);
  return [...groups.values()].sort((a, b) => order(a.key).localeCompare(order(b.key)));
}
