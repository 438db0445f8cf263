import { sql, type SQL } from 'drizzle-orm';
import { tasks } from '../../db/schema/tasks.ts';
import { creatorZone } from './due-sql.ts';
import { builtSchedule } from './schedule-sql.ts';
import { zonedInstant } from './zoned-sql.ts';

// The SQL of a completion, shared by the single-task writes and bulk complete (decision 0018).
// The next occurrence is looked up in the schedule the worker precomputed with the shared
// engine's calendar (schedule.ts), or, when that cannot answer, in the same schedule built by the
// statement (decision 0030); this reads the local day "now" is in the task's zone, and an
// occurrence's instant, and applies COUNT and UNTIL.

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

/** True when the occurrence `number` on `day` is past the rule's COUNT or UNTIL. */
function beyond(schedule: SQL, day: SQL, number: SQL, due: DueColumns): SQL {
  const local = sql`to_char(${day}, 'YYYY-MM-DD') || 'T' || coalesce(${due.time}, '00:00') || ':00'`;
  return sql`(coalesce(${number} > (${schedule}->>'count')::int, false)
    or coalesce(${local} > ${schedule}->'until'->>'local', false)
    or coalesce(${zonedInstant(day, due.time, due.zone)} > (${schedule}->'until'->>'at')::timestamptz, false))`;
}

const END = sql`'{"d": null}'::jsonb`;
const today = (due: DueColumns) => sql`(${due.now} at time zone ${due.zone})::date`;

/** Fixed schedule: the first day after the current one that is not past (of the two first). */
function nextFixed(schedule: SQL, due: DueColumns): SQL {
  const items = sql`(select (${schedule}->>'d0')::date + e.k::int as day, e.i
    from jsonb_array_elements_text(${schedule}->'k') with ordinality e(k, i))`;
  const number = sql`(${due.occurrence} + nx.passed)`;
  const lastNumber = sql`(${due.occurrence} + (select count(*) from ${items} p where p.day > ${due.date})::int)`;
  const last = sql`(select max(p.day) from ${items} p)`;
  return sql`(select case
      when nx.day is null then case when coalesce((${schedule}->>'end')::boolean, false)
        or ${beyond(schedule, last, lastNumber, due)} then ${END} end
      when ${beyond(schedule, sql`nx.day`, number, due)} then ${END}
      else jsonb_build_object('d', nx.day, 'o', ${number}) end
    from (select 1) one left join lateral (
      select f.day, (select count(*) from ${items} p where p.day > ${due.date} and p.i <= f.i)::int as passed
      from (select it.day, it.i from ${items} it
        where it.day > ${due.date} and it.day >= ${today(due)} order by it.i limit 2) f
      where ${zonedInstant(sql`f.day`, due.time, due.zone)} > ${due.now}
      order by f.i limit 1) nx on true)`;
}

/** From completion: the entry of the local day now is; its next day, one occurrence on. */
function nextFromCompletion(schedule: SQL, due: DueColumns): SQL {
  const number = sql`(${due.occurrence} + 1)`;
  const day = sql`(v.x + (${schedule}->'k'->>v.idx)::int)`;
  return sql`(select case
      when v.idx < 0 or v.idx >= jsonb_array_length(${schedule}->'k') then null
      when ${schedule}->'k'->>v.idx is null or ${beyond(schedule, day, number, due)} then ${END}
      else jsonb_build_object('d', ${day}, 'o', ${number}) end
    from (select ${today(due)} as x,
      ${today(due)} - (${schedule}->>'d0')::date as idx) v)`;
}

/** The lookup in one schedule, computed once (OFFSET 0 keeps the planner from inlining it). */
function lookup(schedule: SQL, repeatFrom: SQL, due: DueColumns): SQL {
  const s = sql`b.s`;
  return sql`(select case when jsonb_typeof(${s}->'k') <> 'array' then null
      when ${s}->>'mode' = ${repeatFrom} and ${repeatFrom} = 'due' then ${nextFixed(s, due)}
      when ${s}->>'mode' = ${repeatFrom} then ${nextFromCompletion(s, due)} end
    from (select ${schedule} as s offset 0) b)`;
}

/**
 * What a completion now advances the row to: `{d, o}` (the next day and occurrence number), or
 * `{d: null}` when the series is used up. `schedule` is the stored one, or the one a write
 * computed for the row it sets (`due` then names its fields). When it cannot answer (missing, of
 * another mode or an older form, or behind "now"), the statement builds the schedule from the
 * rule and the current day itself (decision 0030); null only for a one-off.
 */
export function nextOf(schedule: SQL, repeatFrom: SQL, due: DueColumns = storedDue): SQL {
  const built = builtSchedule(due.rrule, repeatFrom, due.date, due.now);
  return sql`coalesce(${lookup(schedule, repeatFrom, due)}, ${lookup(built, repeatFrom, due)})`;
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
