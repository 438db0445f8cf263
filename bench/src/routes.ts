// The routes the bench measures and the requests it sends to each. Request `i` of a run is a pure
// function of `i`, so the capture pass, the floor and the API run all see the same sequence.
import { apiPaths } from '@tasks/shared';
import type { HttpRequestSpec } from './load.ts';
import { FILTER_TAG, SEARCH_TERM, type Account } from './seed.ts';

export type Dataset = 'small' | 'large' | 'writer';

export interface Fixtures {
  accounts: Record<Dataset, Account>;
  /** Task ids per dataset, oldest first. */
  ids: Record<Dataset, string[]>;
  counts: Record<Dataset, number>;
}

export interface BenchRoute {
  name: string;
  /** Routes of one kind at two dataset sizes are compared with each other (list, search, tag). */
  kind: string;
  /** The request as shown in reports. */
  shown: string;
  dataset: Dataset;
  /** Writes: the dataset is reset before every pass so each pass starts from the same rows. */
  writes: boolean;
  /** Request `i`; `pass` names the pass, making Idempotency-Keys unique per pass. */
  request(i: number, fixtures: Fixtures, pass: string): HttpRequestSpec;
}

/** Tasks each bulk request names. */
export const BULK_SIZE = 10;

const auth = (fixtures: Fixtures, dataset: Dataset) => ({
  authorization: `Bearer ${fixtures.accounts[dataset].token}`,
});
const json = { 'content-type': 'application/json' };

function listRoute(kind: string, size: string, dataset: Dataset, query: string): BenchRoute {
  const path = query ? `${apiPaths.tasks}?${query}` : apiPaths.tasks;
  return {
    name: `${kind} ${size}`,
    kind,
    shown: `GET ${path}`,
    dataset,
    writes: false,
    request: (_i, f) => ({ method: 'GET', path, headers: auth(f, dataset) }),
  };
}

/** Every route of issue 6 item 1, in report order. */
export function benchRoutes(small: number, large: number): BenchRoute[] {
  const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
  const id = (f: Fixtures, d: Dataset, i: number) => f.ids[d][i % f.ids[d].length]!;
  return [
    listRoute('list', k(small), 'small', ''),
    listRoute('list', k(large), 'large', ''),
    listRoute('search', k(small), 'small', `q=${SEARCH_TERM}`),
    listRoute('search', k(large), 'large', `q=${SEARCH_TERM}`),
    listRoute('tag', k(small), 'small', `tag=${FILTER_TAG}`),
    listRoute('tag', k(large), 'large', `tag=${FILTER_TAG}`),
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
          ids: Array.from({ length: BULK_SIZE }, (_, j) => id(f, 'writer', i * BULK_SIZE + j)),
        }),
      }),
    },
  ];
}
