import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Priority, TaskCreateSchema } from '@tasks/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { tasks, type TaskRecord } from '../../db/schema/tasks.ts';

export type NewTask = z.output<typeof TaskCreateSchema>;

/** Fields a write may change; `completed: 'toggle'` flips the stored state. */
export type TaskChanges = {
  title?: string;
  description?: string;
  completed?: boolean | 'toggle';
  priority?: Priority;
  due_at?: string | null;
  tags?: string[];
};

/** A task addressed by its owner; `ifMatch` lists acceptable versions (undefined: any). */
export type TaskTarget = { userId: string; id: string; ifMatch?: number[] };

/** What a conditional write did: `stale` means the task exists but no `ifMatch` version matched. */
export type WriteOutcome<T> = { status: 'ok'; value: T } | { status: 'not_found' | 'stale' };

const owned = (userId: string, id: string) => and(eq(tasks.id, id), eq(tasks.userId, userId));

/** The caller's task, or undefined for a missing or foreign one. One round trip. */
export async function getTask(db: Database, userId: string, id: string) {
  const [row] = await db.select().from(tasks).where(owned(userId, id));
  return row;
}

/** Inserts a task for `userId` and returns it as stored. One round trip. */
export async function createTask(
  db: Database,
  userId: string,
  input: NewTask,
): Promise<TaskRecord> {
  const [row] = await db
    .insert(tasks)
    .values({
      userId,
      title: input.title,
      description: input.description,
      completed: input.completed,
      completedAt: input.completed ? sql`now()` : null,
      priority: input.priority,
      dueAt: input.due_at === null ? null : new Date(input.due_at),
      tags: input.tags,
    })
    .returning();
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return row;
}

/** SET clauses of `changes` plus a predicate that is true when any of them alters the row. */
function changeSet(changes: TaskChanges) {
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
    differs.push(sql`true`);
  } else if (changes.completed !== undefined) {
    put('completed', tasks.completed, changes.completed);
    set.completedAt = changes.completed ? sql`coalesce(${tasks.completedAt}, now())` : null;
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
  const updated = db.$with('updated').as(
    db
      .update(tasks)
      .set(changeSet(changes))
      .where(and(owned(target.userId, target.id), versionOk))
      .returning(),
  );
  // The pre-update row (`tasks`) rides along; it is one row, and naming every column of the CTE
  // instead would only trade bytes for noise.
  const [row] = await db
    .with(updated)
    .select()
    .from(tasks)
    .leftJoin(updated, sql`true`)
    .where(owned(target.userId, target.id));
  if (!row) return { status: 'not_found' };
  return row.updated ? { status: 'ok', value: row.updated } : { status: 'stale' };
}

/** Deletes the caller's task if its version is acceptable. One statement, like `updateTask`. */
export async function deleteTask(db: Database, target: TaskTarget): Promise<WriteOutcome<null>> {
  const versionOk = target.ifMatch && inArray(tasks.version, target.ifMatch);
  const deleted = db.$with('deleted').as(
    db
      .delete(tasks)
      .where(and(owned(target.userId, target.id), versionOk))
      .returning({ id: tasks.id }),
  );
  const [row] = await db
    .with(deleted)
    .select({ found: tasks.id, deleted: deleted.id })
    .from(tasks)
    .leftJoin(deleted, sql`true`)
    .where(owned(target.userId, target.id));
  if (!row) return { status: 'not_found' };
  return row.deleted ? { status: 'ok', value: null } : { status: 'stale' };
}
