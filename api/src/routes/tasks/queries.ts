import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TaskCreateSchema } from '@tasks/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { runKept, runKeptShape } from '../../db/kept-statements.ts';
import { listMembers } from '../../db/schema/lists.ts';
import { tasks, type TaskRecord } from '../../db/schema/tasks.ts';
import { audienceFrom, audienceJson } from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';
import { canWriteTasks, isMember } from '../lists/membership.ts';
import { archiveDeleted } from './archive-sql.ts';
import type { TaskChanges } from './change-set.ts';
import type { ZonedRecord } from './derive.ts';
import { editShape } from './edit-shape.ts';
import { membership, updateStatement, type TaskTarget } from './update-statement.ts';

export type { TaskChanges, TaskTarget };
export type NewTask = z.output<typeof TaskCreateSchema>;

/**
 * A write outcome: `forbidden` is a member whose role may not write; `bad_assignee` an
 * `assignee_id` who is not a member of the task's list; `unknown_zone` a `time_zone` the
 * database's tz database does not know (zoned-sql.ts `zoneKnown`).
 */
export type Denied = { status: 'not_found' | 'forbidden' | 'bad_assignee' | 'unknown_zone' };

/** What a conditional write did: `stale` means the task exists but no `ifMatch` version matched. */
export type WriteOutcome<T> =
  | { status: 'ok'; value: T; audience?: Audience }
  | { status: 'stale' | 'list_not_found' | 'invalid_due' | 'unknown_zone' }
  | Denied;

/**
 * A written task, its creator's zone and what the statement found of the row before the write
 * (only what a completion's answer compares: the whole row would double what every write returns).
 */
export type Written = ZonedRecord & {
  before: Pick<TaskRecord, 'completed' | 'occurrence' | 'rrule'>;
};

/** The task `id` in a list `userId` is a member of. */
const visible = (userId: string, id: string) =>
  and(eq(tasks.id, id), isMember(userId, sql`${tasks.listId}`));

/** The task if the caller is a member of its list, or undefined (missing or foreign). */
export async function getTask(db: Database, userId: string, id: string) {
  const [row] = await db.select().from(tasks).where(visible(userId, id));
  return row;
}

/**
 * Applies `changes` to the caller's task if its version is acceptable. One statement
 * (update-statement.ts), built once per shape where the edit's fields allow (edit-shape.ts).
 */
export async function updateTask(
  db: Database,
  target: TaskTarget,
  changes: TaskChanges,
): Promise<WriteOutcome<Written>> {
  const shape = editShape(target, changes);
  const [row] = shape
    ? await runKeptShape(db, shape.key, shape.values, (values) =>
        updateStatement(db, ...shape.rebuild(values)),
      )
    : await runKept(db, updateStatement(db, target, changes));
  const moveTo = changes.list_id;
  const assigneeId = changes.assignee_id;
  if (!row) return { status: 'not_found' };
  const { before, creatorZone: zone } = row;
  if (row.updated?.id) {
    const value = { record: row.updated, creatorZone: zone, before };
    return { status: 'ok', value, audience: audienceFrom(row.audience) };
  }
  if (!row.zoneKnown) return { status: 'unknown_zone' };
  if (row.role !== 'viewer' && !row.dueValid) return { status: 'invalid_due' };
  const badAssignee = typeof assigneeId === 'string' && !row.assignee;
  return deniedOrStale(row.role, moveTo && (row.destination ?? null), badAssignee);
}

/** Why a write of a visible task did not happen; `destination` is undefined for no move. */
function deniedOrStale(
  role: string,
  destination: string | null | undefined,
  badAssignee = false,
): { status: 'stale' | 'forbidden' | 'list_not_found' | 'bad_assignee' } {
  if (role === 'viewer') return { status: 'forbidden' };
  if (destination === null) return { status: 'list_not_found' };
  if (destination === 'viewer') return { status: 'forbidden' };
  if (badAssignee) return { status: 'bad_assignee' };
  return { status: 'stale' };
}

/**
 * Deletes the task if the caller may and its version is acceptable, keeping it whole in
 * `deleted_tasks` for a restore (archive-sql.ts); one statement.
 */
export async function deleteTask(db: Database, target: TaskTarget): Promise<WriteOutcome<null>> {
  const versionOk = target.ifMatch && inArray(tasks.version, target.ifMatch);
  const deleted = db.$with('deleted').as(
    db
      .delete(tasks)
      .where(
        and(eq(tasks.id, target.id), canWriteTasks(target.userId, sql`${tasks.listId}`), versionOk),
      )
      .returning({
        id: tasks.id,
        listId: tasks.listId,
        task: sql`to_jsonb(${tasks})`.as('task'),
      }),
  );
  const archived = db.$with('archived', { taskId: sql`task_id` }).as(archiveDeleted(target.userId));
  const [row] = await runKept(
    db,
    db
      .with(deleted, archived)
      .select({
        role: listMembers.role,
        deleted: deleted.id,
        audience: audienceJson(sql`${tasks.listId}`),
      })
      .from(tasks)
      .innerJoin(listMembers, membership(target.userId))
      .leftJoin(deleted, sql`true`)
      .where(eq(tasks.id, target.id)),
  );
  if (!row) return { status: 'not_found' };
  if (row.deleted) return { status: 'ok', value: null, audience: audienceFrom(row.audience) };
  return deniedOrStale(row.role, undefined);
}
