import { sql, type SQL } from 'drizzle-orm';
import type { Recurrence } from '@tasks/shared';
import { tasks, type TaskRecord } from '../../db/schema/tasks.ts';
import { builtSchedule } from './schedule-sql.ts';
import { readableZone, zonedInstant } from './zoned-sql.ts';

/** The due fields a write may change (`due_at` alone: an older client's instant). */
export type DueChanges = {
  due_at?: string | null;
  due_date?: string | null;
  due_time?: string | null;
  time_zone?: string | null;
  recurrence?: Recurrence | null;
};

/** The zone of the task's creator, which a floating task is read in. */
export const creatorZone = sql<
  string | null
>`(select u.time_zone from users u where u.id = ${tasks.userId})`;

export type DueSet = Partial<Record<keyof TaskRecord, SQL | unknown>>;

/**
 * An instant from an older client: the instant is kept, and its local day and minute are read in
 * the task's zone (else the creator's, else UTC). Reading an instant is the tz database's, not
 * one of our rules: only the other way (local to instant) has gaps and overlaps, and that is the
 * engine's (derive.ts).
 */
function instantSet(dueAt: string | null, zone: string | null | undefined): DueSet {
  if (dueAt === null) return { dueAt: null, dueDate: null, dueTime: null };
  const named = typeof zone === 'string' ? readableZone(zone) : null;
  const z = sql`coalesce(${named}::text, ${tasks.timeZone}, ${creatorZone}, 'UTC')`;
  const local = sql`(${dueAt}::timestamptz at time zone ${z})`;
  return {
    dueAt: new Date(dueAt),
    dueDate: sql`(${local})::date`,
    dueTime: sql`to_char(${local}, 'HH24:MI')`,
  };
}

/** A column as the row will be after `set`: the new value where the write sets it. */
export const merged = (
  set: DueSet,
  key: 'dueDate' | 'dueTime' | 'rrule' | 'timeZone' | 'repeatFrom',
  type: string,
) => (key in set ? sql`${set[key]}::${sql.raw(type)}` : sql`${tasks[key]}`);

/**
 * SET clauses of the due fields. A write of the local fields derives `due_at` from the row as it
 * will be, in the same statement (zoned-sql.ts): the stored instant is the answer's, never a step
 * behind it (decision 0025). A new day or rule replaces the schedule with `schedule`, the one
 * the worker built for it (the statement's `new_schedule`), else the stored one moved to the new
 * day, else one the statement builds from the row as it will be (decision 0030).
 */
export function dueSet(changes: DueChanges, schedule: SQL | null): DueSet {
  const set: DueSet =
    changes.due_at !== undefined && changes.due_date === undefined
      ? instantSet(changes.due_at, changes.time_zone)
      : {};
  if (changes.due_date !== undefined) set.dueDate = changes.due_date;
  if (changes.due_time !== undefined) set.dueTime = changes.due_time;
  if (changes.time_zone !== undefined) {
    set.timeZone = changes.time_zone === null ? null : readableZone(changes.time_zone);
  }
  if (changes.due_date === null) Object.assign(set, { dueTime: null, dueAt: null });
  const local = [changes.due_date, changes.due_time, changes.time_zone];
  if (local.some((value) => value !== undefined) && !('dueAt' in set)) {
    const zone = sql`coalesce(${merged(set, 'timeZone', 'text')}, ${creatorZone}, 'UTC')`;
    set.dueAt = zonedInstant(merged(set, 'dueDate', 'date'), merged(set, 'dueTime', 'text'), zone);
  }
  if (changes.recurrence !== undefined) {
    set.rrule = changes.recurrence?.rrule ?? null;
    set.repeatFrom = changes.recurrence?.repeat_from ?? null;
  }
  const rrule = merged(set, 'rrule', 'text');
  // The request lacks the rule or the day: the statement builds the schedule from the row.
  const built = () =>
    builtSchedule(rrule, merged(set, 'repeatFrom', 'text'), merged(set, 'dueDate', 'date'));
  if (schedule) {
    set.schedule = sql`case when ${rrule} is not null then ${schedule} end`;
  } else if (changes.due_date && changes.recurrence === undefined) {
    set.schedule = sql`coalesce(${movedSchedule(changes.due_date)}, ${built()})`;
  } else if (changes.due_date === null || changes.recurrence === null) {
    set.schedule = null;
  } else if (changes.due_date !== undefined || changes.recurrence !== undefined) {
    set.schedule = built();
  }
  return set;
}

/**
 * The stored schedule after a write that moves the day alone (the worker does not know the rule):
 * one from completion does not depend on the day; a fixed one still holds when the new day is one
 * of its days (the series from there is the same), or with the new anchor when its days follow the
 * anchor (`shift`). Else null: the statement builds one (`builtSchedule`).
 */
function movedSchedule(date: string): SQL {
  const day = sql`${date}::date`;
  const s = sql`${tasks.schedule}`;
  return sql`case when ${s}->>'mode' = 'completion' then ${s}
    when ${day} = (${s}->>'d0')::date or exists (select from jsonb_array_elements_text(${s}->'k') e
      where (${s}->>'d0')::date + e::int = ${day}) then ${s}
    when (${s}->>'shift')::boolean then jsonb_set(${s}, '{d0}', to_jsonb(${date}::text)) end`;
}

/**
 * True when the task after `set` keeps the cross-field rule (`dueIssues` in shared): a time or a
 * repetition needs a day. Evaluated on the stored row, so a PATCH of one field is judged whole.
 */
export function dueValid(set: DueSet): SQL {
  return sql`(${merged(set, 'dueDate', 'date')} is not null
    or (${merged(set, 'dueTime', 'text')} is null and ${merged(set, 'rrule', 'text')} is null))`;
}
