import {
  apiPaths,
  LIST_LIMIT_DEFAULT,
  ListPageSchema,
  TaskListQuerySchema,
  type TaskListParams,
} from '@tasks/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { testDb } from '../../../test/auth.ts';
import { expectedList } from '../../../test/task-model.ts';
import { listAll, nextLink } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';
import { settingsStatement } from '../../db/kept-statements.ts';
import { decodeCursor } from './cursor.ts';
import { orderedScansOnly, pageStatement } from './list-tasks.ts';

// What a page reads, from the plan Postgres ran (EXPLAIN ANALYZE): the rows it took from `tasks`
// must be bounded by lists × page, not by the tasks the lists hold. The suite's database holds
// many users with a few tasks each, the statistics under which the planner used to read a big
// list whole (decision 0017), so these run under the conditions that broke the plan.

const LISTS = 3;
const PER_LIST = 800;
const BOUND = LISTS * (LIST_LIMIT_DEFAULT + 1);

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
};

let user: TestUser;
let listIds: string[];
const db = testDb();

/** The scans of `tasks` in a plan, with the rows each read (kept plus filtered out). */
function taskScans(node: PlanNode): { type: string; index?: string; read: number }[] {
  const own =
    node['Relation Name'] === 'tasks'
      ? [
          {
            type: node['Node Type'],
            index: node['Index Name'],
            read:
              (node['Actual Rows'] +
                (node['Rows Removed by Filter'] ?? 0) +
                (node['Rows Removed by Index Recheck'] ?? 0)) *
              node['Actual Loops'],
          },
        ]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(taskScans)];
}

/** Runs the page's statement under EXPLAIN ANALYZE and returns its scans of `tasks`. */
async function scansOf(params: TaskListParams, cursorText?: string) {
  const query = TaskListQuerySchema.parse(params);
  const cursor = cursorText ? decodeCursor(cursorText, query.sort, query.order) : undefined;
  const statement = pageStatement(user.id, query, cursor);
  // As the page's kept function plans it: under its settings, by its own values (custom plans).
  const [, result] = await db.batch([
    db.execute(settingsStatement(orderedScansOnly)),
    db.execute<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      sql`explain (analyze, format json) ${statement}`,
    ),
  ]);
  const [explained] = result.rows[0]!['QUERY PLAN'];
  return taskScans(explained.Plan);
}

const totalRead = (scans: { read: number }[]) => scans.reduce((sum, scan) => sum + scan.read, 0);

beforeAll(async () => {
  user = await newUser('page-plan');
  for (const name of ['Work', 'Home']) {
    expect((await user.call(apiPaths.lists, json('POST', { name }))).status).toBe(201);
  }
  const res = await user.call(apiPaths.lists);
  listIds = ListPageSchema.parse(await res.json()).data.map((list) => list.id);
  expect(listIds).toHaveLength(LISTS);
  for (const [n, listId] of listIds.entries()) {
    // Interleaved creation times, so every list contributes to the first page.
    await db.execute(sql`
      insert into tasks (user_id, list_id, title, tags, due_at, created_at)
      select ${user.id}, ${listId}, 'task ' || g || case when g % 10 = 0 then ' quarterly' else '' end,
        case when g % 10 = 0 then array['urgent'] else array['home'] end,
        case when g % 3 = 0 then now() + g * interval '1 hour' end,
        now() - (g * ${LISTS} + ${n}) * interval '1 second'
      from generate_series(1, ${PER_LIST}::int) g`);
  }
  // The planner's view of the table as a live database would have it.
  await db.execute(sql`analyze tasks`);
});

describe('a page across lists reads lists × page rows, not every task', () => {
  it.each([
    ['created_at', 'desc'],
    ['created_at', 'asc'],
    ['updated_at', 'desc'],
    ['priority', 'desc'],
    ['title', 'asc'],
    ['due_at', 'asc'],
    ['due_at', 'desc'],
  ] as const)('sort=%s order=%s: one list-led index range per list', async (sort, order) => {
    const scans = await scansOf({ sort, order });
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) {
      expect(scan.type).toMatch(/^Index (Only )?Scan$/);
      expect(scan.index).toMatch(/^tasks_list_/);
    }
    expect(totalRead(scans)).toBeLessThanOrEqual(BOUND);
  });

  it('past a cursor, and for one list', async () => {
    const res = await user.call(apiPaths.tasks);
    const link = nextLink(res);
    expect(link).toBeDefined();
    const cursor = new URL(link!, 'http://x').searchParams.get('cursor')!;
    expect(totalRead(await scansOf({}, cursor))).toBeLessThanOrEqual(BOUND);
    const one = await scansOf({ list_id: listIds[1] });
    expect(totalRead(one)).toBeLessThanOrEqual(LIST_LIMIT_DEFAULT + 1);
  });
});

// Filters keep the same shape, but on a test's few thousand rows a sequential scan is the
// cheapest plan, so their cost is the bench's to show (search and tag at 1,000 and 100,000).
describe('pages merged across lists', () => {
  it.each(['', 'tag=urgent', 'q=QUARTERLY&sort=title&order=asc', 'sort=due_at&order=asc'])(
    '%s: every match once, in order, page by page',
    async (query) => {
      const all = await listAll(user);
      const expected = expectedList(
        all,
        TaskListQuerySchema.parse(Object.fromEntries(new URLSearchParams(query))),
      );
      const pages = await listAll(user, query);
      expect(new Set(pages.map((task) => task.list_id))).toEqual(new Set(listIds));
      expect(pages.map((task) => task.id)).toEqual(expected.map((task) => task.id));
    },
  );
});
