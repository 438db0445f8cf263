// The routes the bench measures: the request it sends to each, and each route's floor, the
// minimal SQL statement that yields the same answer. Request `i` of a run is a pure function of
// `i`, so the capture pass, the floor and the API run all see the same sequence. A new route is
// one more entry in `benchRoutes`.
import { apiPaths, LIST_LIMIT_DEFAULT } from '@tasks/shared';
import type { HttpRequestSpec } from './load.ts';
import type { SqlStatement } from './sql-http.ts';
import { FILTER_TAG, SEARCH_TERM, type Account } from './seed.ts';

/**
 * One account each: `multi` spreads its tasks over `MULTI_LISTS` lists; `writer` is written by
 * the API and `mirror`, seeded the same, by the floor, so the two can run interleaved.
 */
export type Dataset = 'small' | 'large' | 'multi' | 'writer' | 'mirror';

/** The lists of the `multi` account (its Inbox and three more). */
export const MULTI_LISTS = 4;

export interface Fixtures {
  accounts: Record<Dataset, Account>;
  /** Task ids per dataset, oldest first. */
  ids: Record<Dataset, string[]>;
  counts: Record<Dataset, number>;
  /** The account's lists, its Inbox first. */
  lists: Record<Dataset, string[]>;
}

export interface BenchRoute {
  name: string;
  /** Routes of one kind at two dataset sizes are compared with each other (list, search, tag). */
  kind: string;
  /** The request as shown in reports. */
  shown: string;
  dataset: Dataset;
  /**
   * Writes: the API writes `writer` and the floor `mirror`, both reset before every pass so each
   * pass starts from the same rows.
   */
  writes: boolean;
  /** Request `i`; `pass` names the pass, making Idempotency-Keys unique per pass. */
  request(i: number, fixtures: Fixtures, pass: string): HttpRequestSpec;
  /**
   * The floor of request `i`: the one statement a hand-written backend would send for the same
   * answer (the same page, row or write), with nothing the API adds (cursor keys, 404/412 tells).
   */
  floor(i: number, fixtures: Fixtures, pass: string): SqlStatement;
}

/** Tasks each bulk request names. */
export const BULK_SIZE = 10;

const auth = (fixtures: Fixtures, dataset: Dataset) => ({
  authorization: `Bearer ${fixtures.accounts[dataset].token}`,
});
const json = { 'content-type': 'application/json' };

const PAGE = `order by created_at desc, id desc limit ${LIST_LIMIT_DEFAULT + 1}`;

/**
 * The first page of the caller's tasks as a bare statement: each of their lists' own first page
 * (`where` beyond the list), merged. With lists the caller's tasks are those of the lists they
 * are a member of, so the membership is the minimum any correct backend reads; the creator
 * column (`user_id`) no longer leads an index.
 */
const firstPage = (where: string) =>
  `select t.* from list_members m cross join lateral (select * from tasks ` +
  `where list_id = m.list_id${where} ${PAGE}) t ` +
  `where m.user_id = $1 order by t.created_at desc, t.id desc limit ${LIST_LIMIT_DEFAULT + 1}`;

/** `t` (a task) is in a list of `$n`; `write`: one whose tasks `$n` may change. */
const member = (n: number, write = false) =>
  `exists (select from list_members m where m.list_id = t.list_id and m.user_id = $${n}` +
  `${write ? " and m.role <> 'viewer'" : ''})`;

function listRoute(
  kind: string,
  size: string,
  dataset: Dataset,
  query: string,
  filter?: { where: string; param: string },
): BenchRoute {
  const path = query ? `${apiPaths.tasks}?${query}` : apiPaths.tasks;
  const statement = firstPage(filter?.where ?? '');
  return {
    name: `${kind} ${size}`,
    kind,
    shown: `GET ${path}`,
    dataset,
    writes: false,
    request: (_i, f) => ({ method: 'GET', path, headers: auth(f, dataset) }),
    floor: (_i, f) => ({
      query: statement,
      params: [f.accounts[dataset].userId, ...(filter ? [filter.param] : [])],
    }),
  };
}

/** The first page of one list, named by `?list_id=`: that list's index range, if a member. */
function oneListRoute(size: string, dataset: Dataset): BenchRoute {
  return {
    name: `one list ${size}`,
    kind: 'one list',
    shown: `GET ${apiPaths.tasks}?list_id={id}`,
    dataset,
    writes: false,
    request: (_i, f) => ({
      method: 'GET',
      path: `${apiPaths.tasks}?list_id=${f.lists[dataset][0]}`,
      headers: auth(f, dataset),
    }),
    floor: (_i, f) => ({
      query: `select * from tasks t where list_id = $2 and ${member(1)} ${PAGE}`,
      params: [f.accounts[dataset].userId, f.lists[dataset][0]],
    }),
  };
}

/** The caller's lists with their role, member count and pending count, in their order. */
const listsRoute: BenchRoute = {
  name: 'lists',
  kind: 'lists',
  shown: `GET ${apiPaths.lists}`,
  dataset: 'multi',
  writes: false,
  request: (_i, f) => ({ method: 'GET', path: apiPaths.lists, headers: auth(f, 'multi') }),
  floor: (_i, f) => ({
    query:
      'select l.*, m.role, m.position, ' +
      '(select count(*) from list_members c where c.list_id = l.id) as member_count, ' +
      'coalesce((select pending from list_task_counts c where c.list_id = l.id), 0) as pending_count ' +
      'from list_members m join lists l on l.id = m.list_id where m.user_id = $1 ' +
      'order by m.position, l.created_at, l.id',
    params: [f.accounts.multi.userId],
  }),
};

const SEARCH = {
  where: ' and (title ilike $2 or description ilike $2)',
  param: `%${SEARCH_TERM}%`,
};
const TAG = { where: ' and tags @> $2', param: `{${FILTER_TAG}}` };
const BUMP = 'version = version + 1, updated_at = now()';

/** Every route of issue 6 item 1 and the list routes of issue 11, in report order. */
export function benchRoutes(small: number, large: number): BenchRoute[] {
  const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
  const id = (f: Fixtures, d: Dataset, i: number) => f.ids[d][i % f.ids[d].length]!;
  const bulkIds = (f: Fixtures, d: Dataset, i: number) =>
    Array.from({ length: BULK_SIZE }, (_, j) => id(f, d, i * BULK_SIZE + j));
  return [
    listRoute('list', k(small), 'small', ''),
    listRoute('list', k(large), 'large', ''),
    listRoute('search', k(small), 'small', `q=${SEARCH_TERM}`, SEARCH),
    listRoute('search', k(large), 'large', `q=${SEARCH_TERM}`, SEARCH),
    listRoute('tag', k(small), 'small', `tag=${FILTER_TAG}`, TAG),
    listRoute('tag', k(large), 'large', `tag=${FILTER_TAG}`, TAG),
    oneListRoute(k(large), 'large'),
    listRoute(`across ${MULTI_LISTS} lists`, k(large), 'multi', ''),
    listsRoute,
    {
      name: 'get one',
      kind: 'get',
      shown: 'GET /api/v1/tasks/{id}',
      dataset: 'small',
      writes: false,
      request: (i, f) => ({
        method: 'GET',
        path: apiPaths.task(id(f, 'small', i)),
        headers: auth(f, 'small'),
      }),
      floor: (i, f) => ({
        query: `select * from tasks t where id = $1 and ${member(2)}`,
        params: [id(f, 'small', i), f.accounts.small.userId],
      }),
    },
    {
      name: 'create',
      kind: 'create',
      shown: 'POST /api/v1/tasks (Idempotency-Key)',
      dataset: 'writer',
      writes: true,
      request: (i, f, pass) => ({
        method: 'POST',
        path: apiPaths.tasks,
        headers: { ...auth(f, 'writer'), ...json, 'idempotency-key': `${pass}-${i}` },
        body: JSON.stringify({ title: `Bench task ${i}`, priority: 'High', tags: ['bench'] }),
      }),
      // The task and its key with the response it replays: what makes a retry safe. Without a
      // list_id the insert trigger files it into the creator's Inbox, the API's default too.
      floor: (i, f, pass) => ({
        query:
          'with t as (insert into tasks (user_id, title, priority, tags) ' +
          "values ($1::uuid, $2, 'High', '{bench}') returning *), " +
          'k as (insert into idempotency_keys (user_id, key, request_hash, response) ' +
          'select $1::uuid, $3, $4, to_jsonb(t) from t) select * from t',
        params: [f.accounts.mirror.userId, `Bench task ${i}`, `${pass}-${i}`, 'floor'],
      }),
    },
    {
      name: 'update',
      kind: 'update',
      shown: 'PATCH /api/v1/tasks/{id} (If-Match)',
      dataset: 'writer',
      writes: true,
      request: (i, f) => ({
        method: 'PATCH',
        path: apiPaths.task(id(f, 'writer', i)),
        headers: { ...auth(f, 'writer'), ...json, 'if-match': '"1"' },
        body: JSON.stringify({ title: `Edited task ${i}`, priority: 'Low' }),
      }),
      floor: (i, f) => ({
        query:
          `update tasks t set title = $3, priority = 'Low', ${BUMP} ` +
          `where id = $1 and version = 1 and ${member(2, true)} returning *`,
        params: [id(f, 'mirror', i), f.accounts.mirror.userId, `Edited task ${i}`],
      }),
    },
    {
      name: 'toggle',
      kind: 'toggle',
      shown: 'PUT /api/v1/tasks/{id}/complete',
      dataset: 'writer',
      writes: true,
      request: (i, f) => ({
        method: 'PUT',
        path: apiPaths.taskCompletion(id(f, 'writer', i)),
        headers: auth(f, 'writer'),
      }),
      floor: (i, f) => ({
        query:
          'update tasks t set completed = not completed, ' +
          `completed_at = case when completed then null else now() end, ${BUMP} ` +
          `where id = $1 and ${member(2, true)} returning *`,
        params: [id(f, 'mirror', i), f.accounts.mirror.userId],
      }),
    },
    {
      name: 'bulk',
      kind: 'bulk',
      shown: `POST /api/v1/tasks/bulk (complete ${BULK_SIZE})`,
      dataset: 'writer',
      writes: true,
      request: (i, f) => ({
        method: 'POST',
        path: apiPaths.tasksBulk,
        headers: { ...auth(f, 'writer'), ...json },
        body: JSON.stringify({
          action: 'complete',
          ids: bulkIds(f, 'writer', i),
        }),
      }),
      // The answer names every owned id, already-completed ones too: the select reads them all,
      // and carries each changed row as it is now.
      floor: (i, f) => ({
        query:
          `with c as (update tasks t set completed = true, completed_at = now(), ${BUMP} ` +
          `where id = any($2::uuid[]) and not completed and ${member(1, true)} returning t.*) ` +
          `select t.id, to_jsonb(c) from tasks t left join c on c.id = t.id ` +
          `where t.id = any($2::uuid[]) and ${member(1)}`,
        params: [f.accounts.mirror.userId, `{${bulkIds(f, 'mirror', i).join(',')}}`],
      }),
    },
  ];
}
