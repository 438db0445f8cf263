import {
  and,
  arrayContains,
  asc,
  desc,
  eq,
  getTableColumns,
  gte,
  ilike,
  inArray,
  lt,
  or,
} from 'drizzle-orm';
import { sql, type SQL } from 'drizzle-orm';
import type { TaskListQuery, TaskSort } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import {
  dueAtAscKey,
  dueAtDescKey,
  tasks,
  titleKey,
  type TaskRecord,
} from '../../db/schema/tasks.ts';
import { isMember, memberListIds } from '../lists/membership.ts';
import type { Cursor, SortOrder } from './cursor.ts';

export type TaskPage = { records: TaskRecord[]; next: Cursor | undefined };

/**
 * The sort key expression of each sort (matching an index of `tasks`) and how a cursor's key is
 * turned back into a value of the same type.
 */
function sortKey(
  sort: TaskSort,
  order: SortOrder,
): { expr: SQL; value: (key: string | null) => SQL } {
  switch (sort) {
    case 'created_at':
      return { expr: sql`${tasks.createdAt}`, value: (key) => sql`${key}::timestamptz` };
    case 'updated_at':
      return { expr: sql`${tasks.updatedAt}`, value: (key) => sql`${key}::timestamptz` };
    case 'priority':
      return { expr: sql`${tasks.priority}`, value: (key) => sql`${key}::task_priority` };
    case 'title':
      return { expr: titleKey, value: (key) => sql`${key}::text` };
    case 'due_at': {
      const expr = order === 'asc' ? dueAtAscKey : dueAtDescKey;
      const none = order === 'asc' ? 'infinity' : '-infinity';
      return { expr, value: (key) => sql`coalesce(${key}::timestamptz, ${none}::timestamptz)` };
    }
  }
}

/** `%`, `_` and `\` are LIKE syntax: escape them so `q` matches literally, anywhere. */
const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** The lists a page reads: the one asked for if the caller is a member, else all of theirs. */
const inLists = (userId: string, listId: string | undefined) =>
  listId === undefined
    ? inArray(tasks.listId, memberListIds(userId))
    : and(eq(tasks.listId, listId), isMember(userId, sql`${tasks.listId}`));

function filters(userId: string, query: TaskListQuery): (SQL | undefined)[] {
  const pattern = query.q ? containsPattern(query.q) : undefined;
  return [
    inLists(userId, query.list_id),
    query.status === 'all' ? undefined : eq(tasks.completed, query.status === 'completed'),
    query.priority?.length ? inArray(tasks.priority, [...new Set(query.priority)]) : undefined,
    query.tag?.length ? arrayContains(tasks.tags, [...new Set(query.tag)]) : undefined,
    pattern ? or(ilike(tasks.title, pattern), ilike(tasks.description, pattern)) : undefined,
    // A half-open window: due_after <= due_at < due_before, so adjacent windows never overlap.
    query.due_before ? lt(tasks.dueAt, new Date(query.due_before)) : undefined,
    query.due_after ? gte(tasks.dueAt, new Date(query.due_after)) : undefined,
  ];
}

/** The key `encodeCursor` stores for a row: what the sort expression evaluates to, as text. */
function keyOf(sort: TaskSort, record: TaskRecord, title: string): string | null {
  if (sort === 'title') return title;
  if (sort === 'priority') return record.priority;
  if (sort === 'due_at') return record.dueAt?.toISOString() ?? null;
  return (sort === 'created_at' ? record.createdAt : record.updatedAt).toISOString();
}

/**
 * One page of the caller's tasks in one statement: filters, then a keyset seek past `cursor`
 * on (sort key, id), then `limit + 1` rows so the extra row says whether a next page exists.
 */
export async function listTasks(
  db: Database,
  userId: string,
  query: TaskListQuery,
  cursor: Cursor | undefined,
): Promise<TaskPage> {
  const { sort, order, limit } = query;
  const key = sortKey(sort, order);
  const direction = order === 'asc' ? asc : desc;
  const seek = cursor
    ? order === 'asc'
      ? sql`(${key.expr}, ${tasks.id}) > (${key.value(cursor.key)}, ${cursor.id}::uuid)`
      : sql`(${key.expr}, ${tasks.id}) < (${key.value(cursor.key)}, ${cursor.id}::uuid)`
    : undefined;
  const rows = await db
    .select({ record: getTableColumns(tasks), title: sql<string>`${titleKey}` })
    .from(tasks)
    .where(and(...filters(userId, query), seek))
    .orderBy(direction(key.expr), direction(tasks.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next =
    rows.length > limit && last
      ? { sort, order, key: keyOf(sort, last.record, last.title), id: last.record.id }
      : undefined;
  return { records: page.map((row) => row.record), next };
}
