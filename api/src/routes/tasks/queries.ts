import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TaskCreateSchema } from '@tasks/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { runKept } from '../../db/kept-statements.ts';
import { listMembers } from '../../db/schema/lists.ts';
import { tasks, type TaskRecord } from '../../db/schema/tasks.ts';
import { audienceFrom, audienceJson } from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';
import { assignable, canWriteTasks, isMember } from '../lists/membership.ts';
import { archiveDeleted } from './archive-sql.ts';
import { changeSet, type TaskChanges } from './change-set.ts';
import { historyInsert, nextItems } from './completion-sql.ts';
import type { ZonedRecord } from './derive.ts';
import { historyDelete } from './restore-sql.ts';
import { creatorZone, dueValid } from './due-sql.ts';
import { zoneKnown } from './zoned-sql.ts';

export type { TaskChanges };
export type NewTask = z.output<typeof TaskCreateSchema>;

/**
 * A write outcome: `forbidden` is a member whose role may not write; `bad_assignee` an
 * `assignee_id` who is not a member of the task's list; `unknown_zone` a `time_zone` the
 * database's tz database does not know (zoned-sql.ts `zoneKnown`).
 */
export type Denied = { status: 'not_found' | 'forbidden' | 'bad_assignee' | 'unknown_zone' };

/** A task addressed by a caller; `ifMatch` lists acceptable versions (undefined: any). */
export type TaskTarget = { userId: string; id: string; ifMatch?: number[] };

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

/** The member row of `userId` for the task's list: the join that gives the caller's role. */
const membership = (userId: string) =>
  and(eq(listMembers.listId, tasks.listId), eq(listMembers.userId, userId));

/** The task if the caller is a member of its list, or undefined (missing or foreign). */
export async function getTask(db: Database, userId: string, id: string) {
  const [row] = await db.select().from(tasks).where(visible(userId, id));
  return row;
}

/**
 * Applies `changes` to the caller's task if its version is acceptable. One statement: the UPDATE
 * runs in a CTE and the outer query reads the pre-update row, which tells 404 from 412.
 */
export async function updateTask(
  db: Database,
  target: TaskTarget,
  changes: TaskChanges,
): Promise<WriteOutcome<Written>> {
  const versionOk = target.ifMatch && inArray(tasks.version, target.ifMatch);
  const moveTo = changes.list_id;
  const destination = alias(listMembers, 'destination');
  const assignee = alias(listMembers, 'assignee');
  const finalList = sql`coalesce(${moveTo ?? null}::uuid, ${tasks.listId})`;
  const assigneeId = changes.assignee_id;
  const { set, due, schedule, next } = changeSet(target.userId, changes);
  // The schedule built for the write, once, for its SET and its completion to read.
  const newSchedule = db
    .$with('new_schedule', { s: sql`s` })
    .as(sql`select ${schedule ? JSON.stringify(schedule) : null}::jsonb as s`);
  const nextItem = db
    .$with('next_item', { id: sql`id`, next: sql`next` })
    .as(nextItems(next, eq(tasks.id, target.id)!));
  const updated = db.$with('updated').as(
    db
      .update(tasks)
      .set(set)
      .where(
        and(
          eq(tasks.id, target.id),
          canWriteTasks(target.userId, sql`${tasks.listId}`),
          moveTo === undefined ? undefined : canWriteTasks(target.userId, sql`${moveTo}::uuid`),
          assigneeId === undefined ? undefined : assignable(assigneeId, finalList),
          versionOk,
          dueValid(due),
          zoneKnown(changes.time_zone),
        ),
      )
      .returning(),
  );
  const history = db
    .$with('history', { taskId: sql`task_id` })
    .as(
      changes.restore === undefined
        ? historyInsert(target.userId, changes.skip ?? false, changes)
        : historyDelete(changes.restore),
    );
  // The pre-update row and the caller's roles (in the task's list and the destination) ride
  // along and tell 404, 403, 400 and 412 apart; so do the members to poke (both lists of a move).
  const [row] = await runKept(
    db,
    db
      .with(newSchedule, nextItem, updated, history)
      .select({
        before: { completed: tasks.completed, occurrence: tasks.occurrence, rrule: tasks.rrule },
        role: listMembers.role,
        destination: destination.role,
        updated: updated._.selectedFields,
        creatorZone,
        dueValid: sql<boolean>`${dueValid(due)}`,
        zoneKnown: zoneKnown(changes.time_zone),
        assignee: assignee.userId,
        audience: audienceJson(sql`${tasks.listId}, ${moveTo ?? null}::uuid`),
      })
      .from(tasks)
      .innerJoin(listMembers, membership(target.userId))
      .leftJoin(
        destination,
        and(
          eq(destination.listId, sql`${moveTo ?? null}::uuid`),
          eq(destination.userId, target.userId),
        ),
      )
      .leftJoin(
        assignee,
        and(eq(assignee.listId, finalList), eq(assignee.userId, sql`${assigneeId ?? null}::uuid`)),
      )
      .leftJoin(updated, sql`true`)
      .where(eq(tasks.id, target.id)),
  );
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
