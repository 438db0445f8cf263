import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Priority, Task, TaskCreateSchema } from '@tasks/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { listMembers } from '../../db/schema/lists.ts';
import { tasks, type TaskRecord } from '../../db/schema/tasks.ts';
import { canWriteTasks, isMember, TASK_WRITERS, targetList } from '../lists/membership.ts';

export type NewTask = z.output<typeof TaskCreateSchema>;

/** A write outcome: `forbidden` is a member whose role may not write. */
export type Denied = { status: 'not_found' | 'forbidden' };

/** Fields a write may change; `completed: 'toggle'` flips the stored state. */
export type TaskChanges = {
  title?: string;
  description?: string;
  completed?: boolean | 'toggle';
  priority?: Priority;
  due_at?: string | null;
  tags?: string[];
  /** Moves the task to this list. */
  list_id?: string;
};

/** A task addressed by a caller; `ifMatch` lists acceptable versions (undefined: any). */
export type TaskTarget = { userId: string; id: string; ifMatch?: number[] };

/** What a conditional write did: `stale` means the task exists but no `ifMatch` version matched. */
export type WriteOutcome<T> =
  { status: 'ok'; value: T } | { status: 'stale' | 'list_not_found' } | Denied;

/** The task `id` in a list `userId` is a member of. */
const visible = (userId: string, id: string) =>
  and(eq(tasks.id, id), isMember(userId, sql`${tasks.listId}`));

/** The member row of `userId` for the task's list: the join that gives the caller's role. */
const membership = (userId: string) =>
  and(eq(listMembers.listId, tasks.listId), eq(listMembers.userId, userId));

/** The task if the caller is a member of its list, or undefined (missing or foreign). */
export async function getTask(db: Database, userId: string, id: string) {
  const [row] = await db.select().from(tasks).where(visible(userId, id));
  return row;
}

/**
 * Inserts a task into `input.list_id` (default: the caller's Inbox) if the caller may write
 * tasks there, in one statement whose outer query reads the caller's role to tell 404 from 403.
 */
export async function createTask(
  db: Database,
  userId: string,
  input: NewTask,
): Promise<{ status: 'ok'; value: Task } | Denied> {
  const result = await db.execute<{ role: string; task: Task | null }>(sql`
    with target as (
      select m.list_id, m.role from ${listMembers} m
      where m.list_id = ${targetList(userId, input.list_id)} and m.user_id = ${userId}
    ), inserted as (
      insert into tasks (user_id, list_id, completed_by, title, description, completed,
        completed_at, priority, due_at, tags)
      select ${userId}, target.list_id, case when ${input.completed}::boolean then ${userId}::uuid end,
        ${input.title}, ${input.description}, ${input.completed}::boolean,
        case when ${input.completed}::boolean then now() end, ${input.priority}::task_priority,
        ${input.due_at}::timestamptz, ${sql.param(input.tags)}::text[]
      from target where target.role in ${TASK_WRITERS}
      returning *
    )
    select target.role, (select to_jsonb(i) from inserted i) as task from target`);
  const [row] = result.rows;
  if (!row) return { status: 'not_found' };
  return row.task ? { status: 'ok', value: row.task } : { status: 'forbidden' };
}

/** SET clauses of `changes` plus a predicate that is true when any of them alters the row. */
function changeSet(userId: string, changes: TaskChanges) {
  const set: Record<string, SQL | unknown> = {};
  const differs: SQL[] = [];
  const put = (key: keyof TaskRecord, column: (typeof tasks)[keyof TaskRecord], value: unknown) => {
    set[key] = value;
    differs.push(sql`${column} is distinct from ${sql.param(value, column)}`);
  };
  if (changes.title !== undefined) put('title', tasks.title, changes.title);
  if (changes.description !== undefined) put('description', tasks.description, changes.description);
  if (changes.priority !== undefined) put('priority', tasks.priority, changes.priority);
  if (changes.tags !== undefined) put('tags', tasks.tags, changes.tags);
  if (changes.due_at !== undefined) {
    put('dueAt', tasks.dueAt, changes.due_at === null ? null : new Date(changes.due_at));
  }
  if (changes.completed === 'toggle') {
    set.completed = sql`not ${tasks.completed}`;
    set.completedAt = sql`case when ${tasks.completed} then null else now() end`;
    set.completedBy = sql`case when ${tasks.completed} then null else ${userId}::uuid end`;
    differs.push(sql`true`);
  } else if (changes.completed !== undefined) {
    put('completed', tasks.completed, changes.completed);
    set.completedAt = changes.completed ? sql`coalesce(${tasks.completedAt}, now())` : null;
    set.completedBy = changes.completed
      ? sql`case when ${tasks.completed} then ${tasks.completedBy} else ${userId}::uuid end`
      : null;
  }
  if (changes.list_id !== undefined) {
    put('listId', tasks.listId, changes.list_id);
    // An assignee who is not a member of the new list is unassigned.
    set.assigneeId = sql`case when ${isMember(sql`${tasks.assigneeId}`, sql`${changes.list_id}::uuid`)}
      then ${tasks.assigneeId} end`;
  }
  const changed = or(...differs) ?? sql`false`;
  // A write that changes nothing keeps its version and updated_at, so a retried explicit
  // completion is a true no-op and the client's ETag stays valid.
  set.version = sql`${tasks.version} + case when ${changed} then 1 else 0 end`;
  set.updatedAt = sql`case when ${changed} then now() else ${tasks.updatedAt} end`;
  return set;
}

/**
 * Applies `changes` to the caller's task if its version is acceptable. One statement: the UPDATE
 * runs in a CTE and the outer query reads the pre-update row, which tells 404 from 412.
 */
export async function updateTask(
  db: Database,
  target: TaskTarget,
  changes: TaskChanges,
): Promise<WriteOutcome<TaskRecord>> {
  const versionOk = target.ifMatch && inArray(tasks.version, target.ifMatch);
  const moveTo = changes.list_id;
  const destination = alias(listMembers, 'destination');
  const updated = db.$with('updated').as(
    db
      .update(tasks)
      .set(changeSet(target.userId, changes))
      .where(
        and(
          eq(tasks.id, target.id),
          canWriteTasks(target.userId, sql`${tasks.listId}`),
          moveTo === undefined ? undefined : canWriteTasks(target.userId, sql`${moveTo}::uuid`),
          versionOk,
        ),
      )
      .returning(),
  );
  // The pre-update row and the caller's roles (in the task's list and the destination) ride
  // along and tell 404, 403 and 412 apart.
  const [row] = await db
    .with(updated)
    .select()
    .from(tasks)
    .innerJoin(listMembers, membership(target.userId))
    .leftJoin(
      destination,
      and(
        eq(destination.listId, sql`${moveTo ?? null}::uuid`),
        eq(destination.userId, target.userId),
      ),
    )
    .leftJoin(updated, sql`true`)
    .where(eq(tasks.id, target.id));
  if (!row) return { status: 'not_found' };
  if (row.updated) return { status: 'ok', value: row.updated };
  return deniedOrStale(row.list_members.role, moveTo && (row.destination?.role ?? null));
}

/** Why a write of a visible task did not happen; `destination` is undefined for no move. */
function deniedOrStale(
  role: string,
  destination: string | null | undefined,
): { status: 'stale' | 'forbidden' | 'list_not_found' } {
  if (role === 'viewer') return { status: 'forbidden' };
  if (destination === null) return { status: 'list_not_found' };
  if (destination === 'viewer') return { status: 'forbidden' };
  return { status: 'stale' };
}

/** Deletes the task if the caller may and its version is acceptable; one statement. */
export async function deleteTask(db: Database, target: TaskTarget): Promise<WriteOutcome<null>> {
  const versionOk = target.ifMatch && inArray(tasks.version, target.ifMatch);
  const deleted = db.$with('deleted').as(
    db
      .delete(tasks)
      .where(
        and(eq(tasks.id, target.id), canWriteTasks(target.userId, sql`${tasks.listId}`), versionOk),
      )
      .returning({ id: tasks.id }),
  );
  const [row] = await db
    .with(deleted)
    .select({ role: listMembers.role, deleted: deleted.id })
    .from(tasks)
    .innerJoin(listMembers, membership(target.userId))
    .leftJoin(deleted, sql`true`)
    .where(eq(tasks.id, target.id));
  if (!row) return { status: 'not_found' };
  if (row.deleted) return { status: 'ok', value: null };
  return deniedOrStale(row.role, undefined);
}
