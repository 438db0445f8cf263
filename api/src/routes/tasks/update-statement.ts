import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { listMembers } from '../../db/schema/lists.ts';
import { tasks } from '../../db/schema/tasks.ts';
import { audienceJson } from '../../live/audience-sql.ts';
import { assignable, canWriteTasks } from '../lists/membership.ts';
import { changeSet, type TaskChanges } from './change-set.ts';
import { historyInsert, nextItems } from './completion-sql.ts';
import { creatorZone, dueValid } from './due-sql.ts';
import { historyDelete } from './restore-sql.ts';
import { zoneKnown } from './zoned-sql.ts';

/** A task addressed by a caller; `ifMatch` lists acceptable versions (undefined: any). */
export type TaskTarget = { userId: string; id: string; ifMatch?: number[] };

/** The member row of `userId` for the task's list: the join that gives the caller's role. */
export const membership = (userId: string) =>
  and(eq(listMembers.listId, tasks.listId), eq(listMembers.userId, userId));

/**
 * The statement of `updateTask`: the UPDATE runs in a CTE and the outer query reads the
 * pre-update row, which tells 404 from 412; the caller's roles (in the task's list and the
 * destination) ride along and tell 404, 403, 400 and 412 apart; so do the members to poke (both
 * lists of a move).
 */
export function updateStatement(db: Database, target: TaskTarget, changes: TaskChanges) {
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
  return db
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
    .where(eq(tasks.id, target.id));
}
