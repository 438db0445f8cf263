import { and, eq, sql, type SQL } from 'drizzle-orm';
import { listMembers } from '../../db/schema/lists.ts';
import { tasks } from '../../db/schema/tasks.ts';

// The authorization of every task and list statement, as SQL the statement itself carries: the
// caller's role is read from `list_members` in the same statement, never from the token or the
// client, so a removed member loses access on their next request (decision 0013).

/** The roles that may write tasks. */
export const TASK_WRITERS = sql`('owner', 'editor')`;

/** True when `userId` (a value or an expression) is a member of the list `listId`. */
export const isMember = (userId: string | SQL, listId: SQL | typeof tasks.listId) =>
  sql`exists (select from ${listMembers} m
    where m.list_id = ${listId} and m.user_id = ${userId})`;

/** True when `userId` may write tasks of the list `listId`. */
export const canWriteTasks = (userId: string, listId: SQL | typeof tasks.listId) =>
  sql`exists (select from ${listMembers} m
    where m.list_id = ${listId} and m.user_id = ${userId} and m.role in ${TASK_WRITERS})`;

/** The caller's role in the list `listId`, or null for a non-member. */
export const roleIn = (userId: string, listId: SQL | typeof tasks.listId) =>
  sql<string | null>`(select m.role from ${listMembers} m
    where m.list_id = ${listId} and m.user_id = ${userId})`;

/** The ids of the lists `userId` belongs to, as a subquery. */
export const memberListIds = (userId: string) =>
  sql`(select m.list_id from ${listMembers} m where m.user_id = ${userId})`;

/**
 * The caller's rows of `list_members`: one per list they belong to, or only that of `listId`
 * (none for a non-member). A query that joins its tasks to these rows reads only those lists.
 */
export const memberRows = (userId: string, listId?: string) =>
  and(
    eq(listMembers.userId, userId),
    listId === undefined ? undefined : eq(listMembers.listId, listId),
  );

/** The caller's Inbox, where a task created without `list_id` goes. */
export const inboxOf = (userId: string) => sql`(select id from lists where inbox_of = ${userId})`;

/** The list a write targets: the one named, or the caller's Inbox. */
export const targetList = (userId: string, listId: string | undefined) =>
  listId === undefined ? inboxOf(userId) : sql`${listId}::uuid`;

/** True when `assigneeId` (null: nobody) may be assigned tasks of the list `listId`: a member. */
export const assignable = (assigneeId: string | null, listId: SQL | typeof tasks.listId) =>
  // Its own alias: `listId` may be an outer query's `m.list_id`.
  sql`(${assigneeId}::uuid is null or exists (select from ${listMembers} assignable
    where assignable.list_id = ${listId} and assignable.user_id = ${assigneeId}::uuid))`;
