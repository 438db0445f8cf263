import { sql, type SQL } from 'drizzle-orm';
import { tasks } from '../../db/schema/tasks.ts';
import { creatorZone } from './due-sql.ts';
import { zonedInstant } from './zoned-sql.ts';

// Undo of a recurring task's completion or skip (decision 0023): the history entry of the
// occurrence goes and the task is open on it again. Only the newest entry can be restored, so
// undoing twice, or undoing an older occurrence, changes nothing.

/** The column of the task's history entry for `occurrence`, if it is the newest entry. */
const entry = (occurrence: number, column: 'due_date' | 'due_time') =>
  sql`(select h.${sql.raw(column)} from task_history h where h.task_id = ${tasks.id}
    and h.occurrence = ${occurrence} and not exists (select 1 from task_history l
      where l.task_id = ${tasks.id} and l.occurrence > ${occurrence}))`;

/** True when the task can go back to `occurrence`: it is its newest history entry. */
export const restorable = (occurrence: number): SQL =>
  sql`(${tasks.rrule} is not null and ${entry(occurrence, 'due_date')} is not null)`;

/**
 * SET clauses putting the task back on `occurrence`, open, on that entry's day and time, with
 * the `due_at` they name derived in the statement (decision 0025); the schedule stays, as it
 * checks the occurrence it is read for.
 */
export function restoreSet(occurrence: number): Record<string, SQL> {
  const when = (value: SQL, otherwise: SQL) =>
    sql`case when ${restorable(occurrence)} then ${value} else ${otherwise} end`;
  return {
    occurrence: when(sql`${occurrence}::int`, sql`${tasks.occurrence}`),
    dueDate: when(entry(occurrence, 'due_date'), sql`${tasks.dueDate}`),
    dueTime: when(entry(occurrence, 'due_time'), sql`${tasks.dueTime}`),
    dueAt: when(
      zonedInstant(
        entry(occurrence, 'due_date'),
        entry(occurrence, 'due_time'),
        sql`coalesce(${tasks.timeZone}, ${creatorZone}, 'UTC')`,
      ),
      sql`${tasks.dueAt}`,
    ),
    completed: when(sql`false`, sql`${tasks.completed}`),
    completedAt: when(sql`null`, sql`${tasks.completedAt}`),
    completedBy: when(sql`null`, sql`${tasks.completedBy}`),
  };
}

/** Deletes the restored entry for each task of `updated` (a CTE of updated rows). */
export const historyDelete = (occurrence: number) => sql`
  delete from task_history h using updated u, ${tasks} s
  where h.task_id = u.id and s.id = u.id and h.occurrence = ${occurrence}
    and (s.occurrence <> u.occurrence or (s.completed and not u.completed))
  returning h.task_id`;
