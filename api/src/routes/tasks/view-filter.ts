import { sql, type SQL } from 'drizzle-orm';
import { UPCOMING_DAYS, type TaskView } from '@tasks/shared';
import { tasks } from '../../db/schema/tasks.ts';

/**
 * The views (`?view=`), in the caller's zone (`users.time_zone`, else UTC), as SQL over the
 * stored fields. A task's day is its `due_date` when it is all day (a calendar day is the same
 * day anywhere) and its instant's local day in the caller's zone when timed. Only instants are
 * read in a zone here, which is the tz database's; turning a local time into an instant (gaps,
 * overlaps) is the shared engine's, done by the worker when it stores `due_at`.
 */
export function viewFilter(userId: string, view: TaskView | undefined): SQL | undefined {
  if (!view) return undefined;
  const zone = sql`coalesce((select u.time_zone from users u where u.id = ${userId}), 'UTC')`;
  const today = sql`(now() at time zone ${zone})::date`;
  const day = sql`(case when ${tasks.dueTime} is null then ${tasks.dueDate}
    else (${tasks.dueAt} at time zone ${zone})::date end)`;
  // A bound on the instant itself keeps the open-tasks index usable: an all-day task's instant
  // is its day's start in its own zone, which zones (−12:00 … +14:00) put within 26 hours of
  // that day's start in the caller's.
  const open = sql`not ${tasks.completed} and ${tasks.dueAt} is not null`;
  switch (view) {
    case 'today':
      return sql`${open} and ${tasks.dueAt} < now() + interval '3 days' and ${day} <= ${today}`;
    case 'upcoming':
      return sql`${open} and ${tasks.dueAt} < now() + ${sql.raw(`interval '${UPCOMING_DAYS + 3} days'`)}
        and ${tasks.dueAt} > now() - interval '3 days'
        and ${day} between ${today} and ${today} + ${sql.raw(String(UPCOMING_DAYS - 1))}`;
    case 'overdue':
      return sql`${open} and ${tasks.dueAt} < now() + interval '2 days' and case
        when ${tasks.dueTime} is null then ${tasks.dueDate} < ${today} else ${tasks.dueAt} < now() end`;
  }
}
