import { dayIn, formatClock, formatDay } from './due-format';

/** The due fields of a task, as the API answers them. */
export interface Due {
  completed: boolean;
  due_at: string | null;
  due_date: string | null;
  due_time: string | null;
  time_zone: string | null;
}

/** The zone a task's date and time are read in: its own, or the user's for a floating one. */
export const zoneOf = (task: Due, userZone: string) => task.time_zone ?? userZone;

/** The last part of a zone's name, as people say it: "Los Angeles" for America/Los_Angeles. */
export const placeOf = (zone: string) => (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');

/**
 * A pending task whose due moment has passed, as the API's `view=overdue` says: a timed one at
 * its instant, an all-day one once its day is over on the user's clock (one due today is not
 * overdue yet).
 */
export function isOverdue(task: Due, userZone: string, now = Date.now()): boolean {
  if (task.completed) return false;
  if (task.due_date && !task.due_time) return task.due_date < dayIn(now, userZone);
  return task.due_at !== null && Date.parse(task.due_at) < now;
}

export interface DueText {
  /** The task's own day (and time): "Thu, Dec 10, 11:30 PM". */
  text: string;
  /** Its zone's place when that is not the user's zone. */
  place?: string;
  /** The same moment on the user's clock, for a timed task in another zone. */
  local?: string;
}

const localFormats = new Map<string, Intl.DateTimeFormat>();
function formatLocal(instant: string, userZone: string): string {
  let format = localFormats.get(userZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      timeZone: userZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
    });
    localFormats.set(userZone, format);
  }
  return format.format(new Date(instant));
}

/**
 * How a task's due reads. The date and time are the task's own wall clock, never shifted by the
 * browser's zone; a task fixed to another zone says which, and when that is on the user's clock.
 */
export function dueText(task: Due, userZone: string): DueText | undefined {
  if (!task.due_date) return undefined;
  const time = task.due_time ? `, ${formatClock(task.due_time)}` : '';
  const result: DueText = { text: `${formatDay(task.due_date)}${time}` };
  if (task.time_zone && task.time_zone !== userZone) {
    result.place = placeOf(task.time_zone);
    if (task.due_time && task.due_at) result.local = formatLocal(task.due_at, userZone);
  }
  return result;
}
