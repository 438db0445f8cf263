import { and, arrayContains, eq, getTableColumns, gte, ilike, inArray, lt, or } from 'drizzle-orm';
import { sql, type SQL } from 'drizzle-orm';
import type { TaskListQuery, TaskSort } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { executeKept, type PlannerSettings } from '../../db/kept-statements.ts';
import { rowMapper } from '../../db/row-mapper.ts';
import { listMembers } from '../../db/schema/lists.ts';
import {
  dueAtAscKey,
  dueAtDescKey,
  tasks,
  titleKey,
  type TaskRecord,
} from '../../db/schema/tasks.ts';
import { memberRows } from '../lists/membership.ts';
import type { Cursor, SortOrder } from './cursor.ts';
import { viewFilter } from './view-filter.ts';

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

/**
 * The predicates on a list's tasks, one entry per filter (undefined: not asked for). Which lists
 * are read is not among them: that is the outer query's membership join (`listTasks`).
 */
function filters(query: TaskListQuery): (SQL | undefined)[] {
  const pattern = query.q ? containsPattern(query.q) : undefined;
  return [
    query.status === 'all' ? undefined : eq(tasks.completed, query.status === 'completed'),
    query.priority?.length ? inArray(tasks.priority, [...new Set(query.priority)]) : undefined,
    query.tag?.length ? arrayContains(tasks.tags, [...new Set(query.tag)]) : undefined,
    pattern ? or(ilike(tasks.title, pattern), ilike(tasks.description, pattern)) : undefined,
    // A half-open window: due_after <= due_at < due_before, so adjacent windows never overlap.
    query.due_before ? lt(tasks.dueAt, new Date(query.due_before)) : undefined,
    query.due_after ? gte(tasks.dueAt, new Date(query.due_after)) : undefined,
  ];
}

/** The keyset seek past `cursor` on (sort key, id), in the page's direction. */
function seek(key: ReturnType<typeof sortKey>, order: SortOrder, cursor: Cursor | undefined) {
  if (!cursor) return undefined;
  const past = sql`(${key.value(cursor.key)}, ${cursor.id}::uuid)`;
  return order === 'asc'
    ? sql`(${key.expr}, ${tasks.id}) > ${past}`
    : sql`(${key.expr}, ${tasks.id}) < ${past}`;
}

/** The key `encodeCursor` stores for a row: what the sort expression evaluates to, as text. */
function keyOf(sort: TaskSort, record: TaskRecord, title: string): string | null {
  if (sort === 'title') return title;
  if (sort === 'priority') return record.priority;
  if (sort === 'due_at') return record.dueAt?.toISOString() ?? null;
  return (sort === 'created_at' ? record.createdAt : record.updatedAt).toISOString();
}

const toRecord = rowMapper(tasks);
/** Every column of `tasks`, as the select list of a raw statement (`toRecord` maps them back). */
const taskColumns = sql.raw(
  Object.values(getTableColumns(tasks))
    .map((column) => `"${column.name}"`)
    .join(', '),
);

/**
 * The statement of one page of the caller's tasks. Each list the caller is a member of (or only
 * the one asked for, if they are) gives its own first `limit + 1` matches past the cursor, a
 * LATERAL top-N read from that list's index on (list, sort key, id); the outer query merges them
 * and keeps `limit + 1`, the extra row saying whether a next page exists. So a page costs about
 * one index range per list, however many tasks the lists hold, and Postgres never sorts all of
 * a caller's matches (what `list_id in (…) order by … limit` made it do). A SQL template, not the
 * query builder: building the builder's nested subquery cost more than the rest of the request's
 * JavaScript (decision 0017).
 */
export function pageStatement(
  userId: string,
  query: TaskListQuery,
  cursor: Cursor | undefined,
): SQL {
  const key = sortKey(query.sort, query.order);
  const direction = sql.raw(query.order === 'asc' ? 'asc' : 'desc');
  const where = and(
    eq(tasks.listId, listMembers.listId),
    ...filters(query),
    // The views read the caller's zone (view-filter.ts).
    viewFilter(userId, query.view),
    seek(key, query.order, cursor),
  );
  return sql`select page.* from ${listMembers} cross join lateral (
      select ${taskColumns}, ${key.expr} as sort_key from ${tasks} where ${where}
      order by ${key.expr} ${direction}, ${tasks.id} ${direction} limit ${query.limit + 1}
    ) page
    where ${memberRows(userId, query.list_id)}
    order by page.sort_key ${direction}, page.id ${direction} limit ${query.limit + 1}`;
}

/**
 * Bitmap and sequential scans off for the page's transaction only. The planner sizes each list's LATERAL scan
 * by the table-wide average of tasks per list, which many small lists make tiny; then it reads a
 * big list whole through a bitmap and sorts it (400 ms for a filtered page of a 100,000-task list
 * among 5,000 small ones) instead of walking the list's index in order and stopping at the page.
 * Without bitmaps that walk is its plan whatever other users hold, bounded by the caller's own
 * rows (decision 0017). The trigram and tag GIN indexes only serve bitmap scans, so pages no
 * longer use them. With bitmaps off the same misestimate picks a sequential scan of `tasks` (seen
 * in the full test suite's statistics), so that is discouraged too: every page has a list-led
 * index to walk.
 */
export const orderedScansOnly: PlannerSettings = {
  enable_bitmapscan: 'off',
  enable_seqscan: 'off',
};

/**
 * One page of the caller's tasks and the cursor of the next: `pageStatement` under the planner
 * settings, as its kept function (one round trip; decision 0035).
 */
export async function listTasks(
  db: Database,
  userId: string,
  query: TaskListQuery,
  cursor: Cursor | undefined,
): Promise<TaskPage> {
  const { sort, order, limit } = query;
  const result = await executeKept<{ sort_key: string | null }>(
    db,
    pageStatement(userId, query, cursor),
    orderedScansOnly,
  );
  const rows = result.rows;
  const records = rows.slice(0, limit).map(toRecord);
  const last = records.at(-1);
  const next =
    rows.length > limit && last
      ? { sort, order, key: keyOf(sort, last, rows[limit - 1]!.sort_key ?? ''), id: last.id }
      : undefined;
  return { records, next };
}
