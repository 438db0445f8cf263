import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { BulkAction } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { executeKept, runKeptShape } from '../../db/kept-statements.ts';
import { tasks } from '../../db/schema/tasks.ts';
import { listMembers } from '../../db/schema/lists.ts';
import {
  audienceFrom,
  audienceJson,
  audienceOfLists,
  type AudienceColumns,
} from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';
import { canWriteTasks, isMember, roleIn, TASK_WRITERS } from '../lists/membership.ts';
import {
  advanceSet,
  completionParts,
  historyInsert,
  NEXT_ITEM,
  nextItems,
  nextOf,
  targetOccurrence,
} from './completion-sql.ts';
import type { ZonedRecord } from './derive.ts';
import { archiveDeleted } from './archive-sql.ts';
import { creatorZone } from './due-sql.ts';
import type { TaskSnapshot } from './task-json.ts';

/** Those of `ids` in lists where the caller may write tasks. */
const ownedAmong = (userId: string, ids: string[]) =>
  and(
    sql`${tasks.id} = any(${sql.param(ids)}::uuid[])`,
    canWriteTasks(userId, sql`${tasks.listId}`),
  );

/**
 * True when one of `ids` is a task of a list where the caller is a viewer: the whole call is then
 * a 403 and changes nothing. Ids of lists the caller is not in stay `not_found`, as for no task.
 */
export const readOnlyAmong = (userId: string, ids: string[]) => sql<boolean>`exists (
  select from ${tasks} t join ${listMembers} m on m.list_id = t.list_id and m.user_id = ${userId}
  where t.id = any(${sql.param(ids)}::uuid[]) and m.role not in ${TASK_WRITERS})`;

/**
 * The owned ids, the rows the statement changed as they are now (`to_jsonb`), the recurring tasks
 * a completion left for the engine.
 */
export type BulkWrite = { ids: string[]; changed: TaskSnapshot[]; unanswered: ZonedRecord[] };

/** A bulk write's outcome, and whom to poke. */
export type BulkOutcome =
  { status: 'ok'; value: BulkWrite; audience: Audience } | { status: 'forbidden' };

/** The rows a data-modifying CTE `written` returned as `task` (to_jsonb), as one JSON array. */
const changedRows = sql`coalesce((select jsonb_agg(task) from written), '[]'::jsonb) as changed`;

/**
 * Completes, reopens or deletes those of `ids` the caller may write, in one statement, and
 * returns those ids (the others are for `not_found`); nothing at all if one is read-only to the
 * caller. Completing a completed task (or reopening an open one) leaves it untouched, version
 * included, but still counts it as updated.
 */
export async function applyBulkAction(
  db: Database,
  userId: string,
  action: Exclude<BulkAction['action'], 'move' | 'restore'>,
  ids: string[],
): Promise<BulkOutcome> {
  if (action === 'complete') return completeTasks(db, userId, ids);
  // A delete keeps each task whole for a restore (archive-sql.ts) and changes no row to answer.
  const writes =
    action === 'delete'
      ? sql`deleted as (delete from ${tasks} where ${ownedAmong(userId, ids)}
          and not (select read_only from guard) returning id, list_id, to_jsonb(${tasks}) as task),
        archived as (${archiveDeleted(userId)}), written as (select null::jsonb as task where false)`
      : sql`written as (update ${tasks} set completed = false, completed_at = null,
          completed_by = null, version = version + 1, updated_at = now()
        where ${ownedAmong(userId, ids)} and completed
          and not (select read_only from guard) returning to_jsonb(${tasks}) as task)`;
  // The outer SELECT reads the statement's snapshot, taken before the write: every owned id.
  type Row = AudienceColumns & { read_only: boolean; ids: string[]; changed: TaskSnapshot[] };
  const result = await executeKept<Row>(
    db,
    sql`
    with guard as (select ${readOnlyAmong(userId, ids)} as read_only), ${writes}
    select (select read_only from guard) as read_only,
      array(select id from ${tasks} where ${ownedAmong(userId, ids)}) as ids, ${changedRows},
      ${audienceOfLists(sql`select list_id from ${tasks} where ${ownedAmong(userId, ids)}`)}`,
  );
  const [row] = result.rows;
  if (!row || row.read_only) return { status: 'forbidden' };
  // A delete's rows are gone: `updated` names them.
  const value = { ids: row.ids, changed: row.changed, unanswered: [] };
  return { status: 'ok', value, audience: audienceFrom(row) };
}

/**
 * Completes those of `ids` the caller may write: one-offs are completed, recurring ones advance
 * from their schedules with a history row each (completion-sql.ts; one the statement cannot read
 * it builds, decision 0030). A recurring task still left open would come back in `unanswered`,
 * for the engine, a guard no known shape reaches. The outer
 * query reads every visible id with the caller's right to write it, so a read-only one makes the
 * call a 403 (and the guard in the UPDATE made it change nothing).
 */
async function completeTasks(db: Database, userId: string, ids: string[]): Promise<BulkOutcome> {
  const rows = await runKeptShape(db, 'bulk complete', [userId, ids], (v) =>
    completeStatement(db, v[0] as string, v[1] as string[]),
  );
  if (rows.some((row) => !row.writable)) return { status: 'forbidden' };
  const unanswered = rows
    .filter((row) => !row.done && row.record.rrule !== null && !row.record.completed)
    .map((row) => ({ record: row.record, creatorZone: row.creatorZone }));
  const owned = rows.map((row) => row.record.id);
  const changed = rows.flatMap((row) => row.after ?? []);
  const audience = rows[0] ? audienceFrom(rows[0].audience) : { users: [], xid: '0' };
  return { status: 'ok', value: { ids: owned, changed, unanswered }, audience };
}

/** The statement of `completeTasks`, from the caller and the ids alone. */
function completeStatement(db: Database, userId: string, ids: string[]) {
  const next = nextOf(sql`${tasks.schedule}`, sql`${tasks.repeatFrom}`);
  const parts = completionParts(sql`true`, targetOccurrence(undefined), NEXT_ITEM);
  const nextItem = db
    .$with('next_item', { id: sql`id`, next: sql`next` })
    .as(nextItems(next, sql`${tasks.id} = any(${sql.param(ids)}::uuid[])`));
  const updated = db.$with('updated').as(
    db
      .update(tasks)
      .set({
        completed: sql`${parts.finishes} or ${tasks.completed}`,
        completedAt: sql`case when ${parts.finishes} then now() else ${tasks.completedAt} end`,
        completedBy: sql`case when ${parts.finishes} then ${userId}::uuid else ${tasks.completedBy} end`,
        ...advanceSet(parts),
        version: sql`${tasks.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          ownedAmong(userId, ids),
          sql`not ${readOnlyAmong(userId, ids)}`,
          sql`(${parts.finishes} or ${parts.advances})`,
        ),
      )
      .returning(),
  );
  const history = db.$with('history', { taskId: sql`task_id` }).as(historyInsert(userId, false));
  return db
    .with(nextItem, updated, history)
    .select({
      record: getTableColumns(tasks),
      done: updated.id,
      // The row as the UPDATE left it (the snapshot the outer query reads predates it).
      after: sql<TaskSnapshot | null>`case when ${updated.id} is null then null
      else to_jsonb(${updated}) end`,
      creatorZone,
      writable: sql<boolean>`${canWriteTasks(userId, sql`${tasks.listId}`)}`,
      // Uncorrelated (its own `tasks`): computed once, the same on every row.
      audience: audienceJson(sql`select list_id from ${tasks} where ${ownedAmong(userId, ids)}`),
    })
    .from(tasks)
    .leftJoin(updated, eq(updated.id, tasks.id))
    .where(
      and(
        sql`${tasks.id} = any(${sql.param(ids)}::uuid[])`,
        isMember(userId, sql`${tasks.listId}`),
      ),
    );
}

/**
 * Moves those of `ids` the caller may write into `listId` if they may write there too, in one
 * statement; the outer query reads the caller's role in the destination (404 / 403), and an id
 * read-only to the caller makes it a 403 that moves nothing. Assignees who are not members of
 * the destination are unassigned.
 */
export async function moveTasks(
  db: Database,
  userId: string,
  ids: string[],
  listId: string,
): Promise<BulkOutcome | { status: 'list_not_found' }> {
  const destination = sql`${listId}::uuid`;
  type Row = AudienceColumns & {
    role: string | null;
    read_only: boolean;
    ids: string[];
    changed: TaskSnapshot[];
  };
  const result = await executeKept<Row>(
    db,
    sql`
    with guard as (select ${readOnlyAmong(userId, ids)} as read_only), written as (
      update ${tasks} set list_id = ${destination}, version = version + 1, updated_at = now(),
        assignee_id = case when ${isMember(sql`${tasks.assigneeId}`, destination)}
          then assignee_id end
      where ${ownedAmong(userId, ids)} and list_id <> ${destination}
        and ${canWriteTasks(userId, destination)} and not (select read_only from guard)
      returning to_jsonb(${tasks}) as task
    )
    -- A data-modifying CTE runs even unreferenced; the outer query reads the snapshot before it.
    select ${roleIn(userId, destination)} as role, (select read_only from guard) as read_only,
      array(select id from ${tasks} where ${ownedAmong(userId, ids)}) as ids, ${changedRows},
      ${audienceOfLists(sql`select list_id from ${tasks} where ${ownedAmong(userId, ids)}
        union select ${destination}`)}`,
  );
  const [row] = result.rows;
  if (!row?.role) return { status: 'list_not_found' };
  if (row.role === 'viewer' || row.read_only) return { status: 'forbidden' };
  const value = { ids: row.ids, changed: row.changed, unanswered: [] };
  return { status: 'ok', value, audience: audienceFrom(row) };
}
