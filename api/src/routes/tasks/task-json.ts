import type { RepeatFrom, Task } from '@tasks/shared';
import type { TaskRecord } from '../../db/schema/tasks.ts';
import { isoTime } from './iso-time.ts';

// A record's timestamps are already Dates (a snapshot's are strings): no copy on the hot path.
const iso = (value: Date | string | null): string | null =>
  value === null ? null : isoTime(value instanceof Date ? value : new Date(value));

const recurrenceOf = (rrule: string | null, repeatFrom: RepeatFrom | null) =>
  rrule === null ? null : { rrule, repeat_from: repeatFrom ?? 'due' };

/** A stored task as the API shows it: snake_case, timestamps in UTC with `Z`. */
export function toTask(record: TaskRecord): Task {
  return {
    id: record.id,
    title: record.title,
    description: record.description,
    completed: record.completed,
    completed_at: iso(record.completedAt),
    priority: record.priority,
    due_at: iso(record.dueAt),
    due_date: record.dueDate,
    due_time: record.dueTime,
    time_zone: record.timeZone,
    recurrence: recurrenceOf(record.rrule, record.repeatFrom),
    occurrence: record.occurrence,
    tags: record.tags,
    reminders: record.reminders,
    user_id: record.userId,
    list_id: record.listId,
    created_by: record.userId,
    completed_by: record.completedBy,
    assignee_id: record.assigneeId,
    version: record.version,
    created_at: isoTime(record.createdAt),
    updated_at: isoTime(record.updatedAt),
  };
}

/** A row as Postgres `to_jsonb` writes it: the column names, dates as text. */
export type TaskSnapshot = Omit<Task, 'recurrence'> & {
  rrule: string | null;
  repeat_from: RepeatFrom | null;
};

/** A `to_jsonb` snapshot of a new row as a stored record (for deriving its due fields). */
export function snapshotToRecord(snapshot: TaskSnapshot & { schedule?: unknown }): TaskRecord {
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return {
    id: snapshot.id,
    userId: snapshot.user_id,
    listId: snapshot.list_id,
    completedBy: snapshot.completed_by,
    assigneeId: snapshot.assignee_id,
    title: snapshot.title,
    description: snapshot.description,
    completed: snapshot.completed,
    completedAt: date(snapshot.completed_at),
    priority: snapshot.priority,
    dueAt: date(snapshot.due_at),
    dueDate: snapshot.due_date ?? null,
    dueTime: snapshot.due_time ?? null,
    timeZone: snapshot.time_zone ?? null,
    rrule: snapshot.rrule ?? null,
    repeatFrom: snapshot.repeat_from ?? null,
    occurrence: snapshot.occurrence ?? 1,
    schedule: snapshot.schedule ?? null,
    tags: snapshot.tags,
    reminders: snapshot.reminders ?? [],
    version: snapshot.version,
    createdAt: new Date(snapshot.created_at),
    updatedAt: new Date(snapshot.updated_at),
  };
}
