import type { Task } from '@tasks/shared';
import type { TaskRecord } from '../../db/schema/tasks.ts';

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

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
    tags: record.tags,
    user_id: record.userId,
    list_id: record.listId,
    created_by: record.userId,
    completed_by: record.completedBy,
    assignee_id: record.assigneeId,
    version: record.version,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
  };
}

/**
 * The response snapshot of an idempotent create (Postgres `to_jsonb` of the new row, whose keys
 * are the API's) as the API shows it: jsonb reorders keys and writes `+00:00` for `Z`.
 */
export function snapshotToTask(snapshot: Task): Task {
  return {
    id: snapshot.id,
    title: snapshot.title,
    description: snapshot.description,
    completed: snapshot.completed,
    completed_at: iso(snapshot.completed_at),
    priority: snapshot.priority,
    due_at: iso(snapshot.due_at),
    tags: snapshot.tags,
    user_id: snapshot.user_id,
    list_id: snapshot.list_id,
    created_by: snapshot.user_id,
    completed_by: snapshot.completed_by,
    assignee_id: snapshot.assignee_id,
    version: snapshot.version,
    created_at: new Date(snapshot.created_at).toISOString(),
    updated_at: new Date(snapshot.updated_at).toISOString(),
  };
}
