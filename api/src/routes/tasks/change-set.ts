import { or, SQL, sql } from 'drizzle-orm';
import type { Priority, Reminder } from '@tasks/shared';
import { tasks, type TaskRecord } from '../../db/schema/tasks.ts';
import { isMember } from '../lists/membership.ts';
import {
  advanceSet,
  completionParts,
  NEXT_ITEM,
  nextOf,
  storedDue,
  targetOccurrence,
  type DueColumns,
} from './completion-sql.ts';
import { creatorZone, dueSet, merged, type DueChanges, type DueSet } from './due-sql.ts';
import { scheduleOfChanges } from './schedule.ts';
import { restorable, restoreSet } from './restore-sql.ts';

/** Fields a write may change; `completed: 'toggle'` flips the stored state. */
export type TaskChanges = DueChanges & {
  title?: string;
  description?: string;
  completed?: boolean | 'toggle';
  /** With `completed`: the occurrence being completed (a retry of a done one changes nothing). */
  occurrence?: number;
  /** Skips the current occurrence of a recurring task instead of completing it. */
  skip?: boolean;
  /** Puts a recurring task back on this done or skipped occurrence (undo; restore-sql.ts). */
  restore?: number;
  priority?: Priority;
  tags?: string[];
  reminders?: Reminder[];
  /** Moves the task to this list. */
  list_id?: string;
  /** Null unassigns; a user id must be a member of the task's (new) list. */
  assignee_id?: string | null;
};

type Set = Record<string, SQL | unknown>;

/** The schedule the worker built for the write (updateTask's `new_schedule`, one parameter). */
export const NEW_SCHEDULE = sql`(select s from new_schedule)`;

/** The due columns a completion reads, as the row will be after the due fields of the write. */
const mergedDue = (due: DueSet): DueColumns => ({
  ...storedDue,
  date: merged(due, 'dueDate', 'date'),
  time: merged(due, 'dueTime', 'text'),
  zone: sql`coalesce(${merged(due, 'timeZone', 'text')}, ${creatorZone}, 'UTC')`,
  at: !('dueAt' in due)
    ? sql`${tasks.dueAt}`
    : due.dueAt instanceof SQL
      ? due.dueAt
      : sql`${sql.param(due.dueAt, tasks.dueAt)}::timestamptz`,
  rrule: merged(due, 'rrule', 'text'),
});

/**
 * Completing (or skipping) an open task: a one-off is completed; a recurring one advances to
 * `next` (completion-sql.ts), or is completed when the series is used up. A toggle of a
 * completed task reopens it.
 */
function completionSet(userId: string, changes: TaskChanges, next: SQL, due: DueColumns) {
  const toggle = changes.completed === 'toggle';
  const parts = completionParts(sql`true`, targetOccurrence(changes.occurrence), next, due.rrule);
  const finishes = changes.skip
    ? sql`(${parts.finishes} and ${tasks.rrule} is not null)`
    : parts.finishes;
  const reopens = toggle ? sql`${tasks.completed}` : sql`false`;
  const set: Set = {
    completed: sql`case when ${reopens} then false when ${finishes} then true else ${tasks.completed} end`,
    completedAt: sql`case when ${reopens} then null when ${finishes} then now() else ${tasks.completedAt} end`,
    completedBy: sql`case when ${reopens} then null when ${finishes} then ${userId}::uuid
      else ${tasks.completedBy} end`,
    ...advanceSet(parts, due),
  };
  return { set, changed: sql`(${reopens} or ${finishes} or ${parts.advances})` };
}

/**
 * What a completion in this write advances to: from the schedule the row will have (the stored
 * one, the one built for the write, the stored one moved to a new day, or one the statement
 * builds from the row's rule), in the same statement (decision 0030).
 */
function nextFor(due: DueSet): SQL {
  if (!('schedule' in due)) {
    return nextOf(sql`${tasks.schedule}`, sql`${tasks.repeatFrom}`, mergedDue(due));
  }
  if (!(due.schedule instanceof SQL)) return sql`null::jsonb`;
  return nextOf(due.schedule, merged(due, 'repeatFrom', 'text'), mergedDue(due));
}

/** SET clauses of `changes` plus a predicate that is true when any of them alters the row. */
export function changeSet(userId: string, changes: TaskChanges, now = new Date()) {
  const set: Set = {};
  const differs: SQL[] = [];
  const put = (key: keyof TaskRecord, column: (typeof tasks)[keyof TaskRecord], value: unknown) => {
    set[key] = value;
    differs.push(
      value instanceof SQL
        ? sql`${column} is distinct from ${value}`
        : sql`${column} is distinct from ${sql.param(value, column)}`,
    );
  };
  if (changes.title !== undefined) put('title', tasks.title, changes.title);
  if (changes.description !== undefined) put('description', tasks.description, changes.description);
  if (changes.priority !== undefined) put('priority', tasks.priority, changes.priority);
  if (changes.tags !== undefined) put('tags', tasks.tags, changes.tags);
  if (changes.reminders !== undefined) put('reminders', tasks.reminders, changes.reminders);
  const schedule = scheduleOfChanges(changes, now);
  // What a completion advances to, for the statement's `next_item` (completion-sql.ts).
  let next: SQL = sql`null::jsonb`;
  const due = dueSet(changes, schedule ? NEW_SCHEDULE : null);
  for (const [key, value] of Object.entries(due)) {
    // The schedule is derived: a write that changes nothing else changes nothing.
    if (key === 'schedule') set.schedule = value;
    else put(key as keyof TaskRecord, tasks[key as keyof TaskRecord], value);
  }
  if (changes.completed === false) {
    put('completed', tasks.completed, false);
    set.completedAt = null;
    set.completedBy = null;
  } else if (changes.completed !== undefined) {
    next = nextFor(due);
    const completion = completionSet(userId, changes, NEXT_ITEM, mergedDue(due));
    Object.assign(set, completion.set);
    differs.push(completion.changed);
  }
  if (changes.restore !== undefined) {
    Object.assign(set, restoreSet(changes.restore));
    differs.push(restorable(changes.restore));
  }
  if (changes.list_id !== undefined) {
    put('listId', tasks.listId, changes.list_id);
    // An assignee who is not a member of the new list is unassigned.
    set.assigneeId = sql`case when ${isMember(sql`${tasks.assigneeId}`, sql`${changes.list_id}::uuid`)}
      then ${tasks.assigneeId} end`;
  }
  // Named explicitly, the assignee is checked against the (new) list by the statement's WHERE.
  if (changes.assignee_id !== undefined) put('assigneeId', tasks.assigneeId, changes.assignee_id);
  const changed = or(...differs) ?? sql`false`;
  // A write that changes nothing keeps its version and updated_at, so a retried explicit
  // completion is a true no-op and the client's ETag stays valid.
  set.version = sql`${tasks.version} + case when ${changed} then 1 else 0 end`;
  set.updatedAt = sql`case when ${changed} then now() else ${tasks.updatedAt} end`;
  return { set, due, schedule, next };
}
