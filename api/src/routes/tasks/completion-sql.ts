import { sql, type SQL } from 'drizzle-orm';
import { tasks } from '../../db/schema/tasks.ts';
import { creatorZone } from './due-sql.ts';
import { zonedInstant } from './zoned-sql.ts';

// The SQL of a completion, shared by the single-task writes and bulk complete (decision 0018).
// The next occurrence is looked up in the schedule the worker precomputed with the shared
// engine's calendar (schedule.ts), or, when that cannot answer, in the same schedule built by the
// statement (decision 0030), by the database's `task_next` (decision 0033), which reads the local
// day "now" is in the task's zone, and an occurrence's instant, and applies COUNT and UNTIL.

/**
 * What a completion reads of the row: the current day, time, zone, occurrence and instant (a
 * write that sets them passes the new ones), and the clock (a test passes its own).
 */
export type DueColumns = {
  date: SQL;
  time: SQL;
  zone: SQL;
  occurrence: SQL;
  at: SQL;
  now: SQL;
  /** The rule the row will repeat by (null: a one-off), which the statement may build from. */
  rrule: SQL;
};

/** The stored row's: its own zone, else its creator's, else UTC. */
export const storedDue: DueColumns = {
  date: sql`${tasks.dueDate}`,
  time: sql`${tasks.dueTime}`,
  zone: sql`coalesce(${tasks.timeZone}, ${creatorZone}, 'UTC')`,
  occurrence: sql`${tasks.occurrence}`,
  at: sql`${tasks.dueAt}`,
  now: sql`now()`,
  rrule: sql`${tasks.rrule}`,
};

/**
 * What a completion now advances the row to: `{d, o}` (the next day and occurrence number), or
 * `{d: null}` when the series is used up. `schedule` is the stored one, or the one a write
 * computed for the row it sets (`due` then names its fields). When it cannot answer (missing, of
 * another mode or an older form, or behind "now"), the schedule is built from the rule and the
 * current day (decision 0030); null only for a one-off. Migration 0017's `task_next` does the
 * lookup: inlined here it made every completion's statement slow to plan (decision 0033).
 */
export function nextOf(schedule: SQL, repeatFrom: SQL, due: DueColumns = storedDue): SQL {
  return sql`task_next(${schedule}, (${repeatFrom})::text, (${due.date})::date, (${due.time})::text,
    (${due.zone})::text, (${due.occurrence})::int, ${due.now}, (${due.rrule})::text)`;
}

/**
 * `next` of the rows `where` picks, as the statement's snapshot shows them: the CTE `next_item`
 * computes the lookup once per row, and the SET clauses read it through `NEXT_ITEM`.
 */
export const nextItems = (next: SQL, where: SQL) =>
  sql`select ${tasks.id} as id, ${next} as next from ${tasks} where ${where}`;
export const NEXT_ITEM = sql`(select n.next from next_item n where n.id = ${tasks.id})`;

/**
 * The occurrence the request completes: the one it names, else the one its statement's snapshot
 * shows. The scalar subquery reads the snapshot even when a concurrent completion made the
 * UPDATE re-read a newer row, so the loser of a race sees that its occurrence is gone.
 */
export const targetOccurrence = (named: number | undefined): SQL =>
  named === undefined
    ? sql`(select s.occurrence from ${tasks} s where s.id = ${tasks.id})`
    : sql`${named}::int`;

export type CompletionParts = {
  /** The completion moves a recurring task on to its next occurrence. */
  advances: SQL;
  /** The task ends up completed by this request (a one-off, or a used-up series). */
  finishes: SQL;
};

/**
 * When `completing` (true when the request completes an open task) applies to the row: only to
 * the occurrence it targets; then a task repeating by `rrule` (the row's rule as the write leaves
 * it: one that stops repeating is simply completed) advances if the schedule has a next one, and
 * is simply completed if the series is used up.
 */
export function completionParts(
  completing: SQL,
  occurrence: SQL,
  next: SQL,
  rrule: SQL = storedDue.rrule,
) {
  const applies = sql`(${completing} and not ${tasks.completed} and ${tasks.occurrence} = ${occurrence})`;
  return {
    advances: sql`(${applies} and ${rrule} is not null and (${next})->>'d' is not null)`,
    finishes: sql`(${applies} and (${rrule} is null
      or ((${next}) is not null and (${next})->>'d' is null)))`,
    next,
  };
}

/** SET clauses of an advance: the next occurrence's day and instant; the task stays open. */
export function advanceSet(parts: CompletionParts & { next: SQL }, due: DueColumns = storedDue) {
  const { advances, next } = parts;
  const day = sql`((${next})->>'d')::date`;
  return {
    dueDate: sql`case when ${advances} then ${day} else ${due.date}::date end`,
    dueAt: sql`case when ${advances} then ${zonedInstant(day, due.time, due.zone)} else ${due.at} end`,
    occurrence: sql`case when ${advances} then ((${next})->>'o')::int else ${due.occurrence} end`,
  };
}

/**
 * A history row for each task of `updated` (a CTE of updated rows) that this statement moved past
 * its occurrence or completed for good, read against the statement's snapshot of it. The key
 * (task, occurrence) makes a second completion of the same occurrence insert nothing.
 */
export const historyInsert = (userId: string, skipped: boolean, moved: DueMove = {}) => sql`
  insert into task_history (task_id, occurrence, due_date, due_time, completed_by, skipped)
  select u.id, s.occurrence, ${movedTo(moved.due_date, sql`s.due_date`, 'date')},
    ${movedTo(moved.due_time, sql`s.due_time`, 'text')}, ${userId}::uuid, ${skipped}
  from updated u join ${tasks} s on s.id = u.id
  where (s.rrule is not null or u.rrule is not null) and s.due_date is not null
    and (u.occurrence > s.occurrence or (u.completed and not s.completed))
  on conflict do nothing
  returning task_id`;

/** The day and time a write that also completes moves the occurrence to (it is done there). */
export type DueMove = { due_date?: string | null; due_time?: string | null };
const movedTo = (value: string | null | undefined, stored: SQL, type: string) =>
  value === undefined ? stored : sql`coalesce(${value}::${sql.raw(type)}, ${stored})`;
