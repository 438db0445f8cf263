import { apiPaths, TASK_SORT_KEYS, TaskSchema, type Task, type TaskCreate } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../../test/problem.ts';
import { TEST_ORIGIN } from '../../../test/test-env.ts';
import { listAll, nextLink, postTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';
import { expectedOrder } from '../../../test/task-model.ts';
import { encodeCursor } from './cursor.ts';

let user: TestUser;
let seeded: Task[];

const list = async (query: string) => {
  const res = await user.call(`${apiPaths.tasks}?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return { res, tasks: TaskSchema.array().parse(await res.json()) };
};
const titles = (tasks: Task[]) => tasks.map((task) => task.title);

beforeAll(async () => {
  user = await newUser('list');
  const specs: TaskCreate[] = [
    { title: 'alpha report', priority: 'Low', tags: ['work'], due_at: '2026-05-01T00:00:00Z' },
    { title: 'Bravo groceries', priority: 'High', tags: ['home', 'errand'], completed: true },
    {
      title: 'charlie 100% done',
      priority: 'Medium',
      tags: ['work', 'urgent'],
      due_at: '2026-04-01T00:00:00Z',
    },
    {
      title: 'delta',
      description: 'Quarterly REPORT draft',
      priority: 'High',
      due_at: '2026-06-01T00:00:00Z',
    },
    { title: 'echo under_score', priority: 'Low', tags: ['home'] },
  ] as const;
  seeded = [];
  for (const spec of specs)
    seeded.push(await postTask(user, { ...spec, tags: [...(spec.tags ?? [])] }));
});

describe('filters', () => {
  it.each([
    ['status=pending', ['alpha report', 'charlie 100% done', 'delta', 'echo under_score']],
    ['status=completed', ['Bravo groceries']],
    ['priority=High', ['Bravo groceries', 'delta']],
    [
      'priority=High&priority=Low',
      ['Bravo groceries', 'alpha report', 'delta', 'echo under_score'],
    ],
    ['tag=work', ['alpha report', 'charlie 100% done']],
    ['tag=work&tag=URGENT', ['charlie 100% done']],
    ['tag=nothing', []],
    ['q=REPORT', ['alpha report', 'delta']],
    ['q=por', ['alpha report', 'delta']],
    ['q=100%25', ['charlie 100% done']],
    ['q=_', ['echo under_score']],
    ['q=%25', ['charlie 100% done']],
    [
      'q=%20%20',
      ['Bravo groceries', 'alpha report', 'charlie 100% done', 'delta', 'echo under_score'],
    ],
    [
      'due_after=2026-04-01T00:00:00Z&due_before=2026-06-01T00:00:00Z',
      ['alpha report', 'charlie 100% done'],
    ],
    ['due_before=2026-04-02T00:00:00%2B01:00', ['charlie 100% done']],
    ['status=pending&priority=High&q=draft', ['delta']],
  ])('%s', async (query, expected) => {
    expect(titles((await list(query)).tasks).sort()).toEqual(expected);
  });
});

describe('sort', () => {
  const cases = TASK_SORT_KEYS.flatMap((sort) =>
    (['asc', 'desc'] as const).map((order) => ({ sort, order })),
  );
  it.each(cases)('sort=$sort&order=$order', async ({ sort, order }) => {
    const { tasks } = await list(`sort=${sort}&order=${order}&limit=200`);
    expect(titles(tasks)).toEqual(titles(expectedOrder(seeded, sort, order)));
  });

  it('puts High first for priority desc and undated tasks last for due_at either way', async () => {
    expect((await list('sort=priority&order=desc')).tasks[0]?.priority).toBe('High');
    for (const order of ['asc', 'desc']) {
      const { tasks } = await list(`sort=due_at&order=${order}`);
      expect(tasks.slice(-2).map((task) => task.due_at)).toEqual([null, null]);
    }
  });
});

describe('pagination', () => {
  it('pages with Link: rel="next", absent on the last page, in the same order as one page', async () => {
    for (const sort of ['created_at', 'updated_at', 'due_at', 'priority', 'title']) {
      for (const order of ['asc', 'desc']) {
        const whole = titles((await list(`sort=${sort}&order=${order}&limit=200`)).tasks);
        const paged: string[] = [];
        let next: string | undefined = `${apiPaths.tasks}?sort=${sort}&order=${order}&limit=2`;
        let pages = 0;
        while (next) {
          const res = await user.call(next);
          paged.push(...titles(TaskSchema.array().parse(await res.json())));
          next = nextLink(res);
          pages += 1;
          if (next)
            expect(next).toMatch(
              new RegExp(`^/api/v1/tasks\\?sort=${sort}&order=${order}&limit=2&cursor=`),
            );
        }
        expect(pages).toBe(3);
        expect(paged, `${sort} ${order}`).toEqual(whole);
      }
    }
  });

  it('visits every task exactly once while tasks are being added', async () => {
    const walker = await newUser('walker');
    const originals = new Set<string>();
    for (let i = 0; i < 12; i += 1) {
      originals.add(
        (
          await postTask(walker, {
            title: `seed ${i}`,
            due_at: i % 3 ? `2026-0${1 + (i % 9)}-01T00:00:00Z` : null,
          })
        ).id,
      );
    }
    for (const query of [
      'sort=created_at&order=desc',
      'sort=due_at&order=asc',
      'sort=title&order=asc',
    ]) {
      const seen: string[] = [];
      let next: string | undefined = `${apiPaths.tasks}?${query}&limit=5`;
      let inserted = 0;
      while (next) {
        const res = await walker.call(next);
        seen.push(
          ...TaskSchema.array()
            .parse(await res.json())
            .map((task) => task.id),
        );
        next = nextLink(res);
        await postTask(walker, {
          title: `seed added ${query} ${inserted++}`,
          due_at: '2026-01-15T00:00:00Z',
        });
      }
      expect(new Set(seen).size, 'no duplicates').toBe(seen.length);
      for (const id of originals) expect(seen, query).toContain(id);
    }
  });

  it('lets a browser on an allowed origin read the Link header', async () => {
    const res = await user.call(`${apiPaths.tasks}?limit=1`, { headers: { Origin: TEST_ORIGIN } });
    expect(nextLink(res)).toBeDefined();
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('Link');
  });

  it('has no Link header when everything fits', async () => {
    const { res } = await list('limit=200');
    expect(res.headers.get('Link')).toBeNull();
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['base64 of non-JSON', btoa('hello')],
    ['wrong shape', btoa(JSON.stringify({ a: 1 }))],
    [
      'bad key type',
      encodeCursor({
        sort: 'created_at',
        order: 'desc',
        key: 'yesterday',
        id: crypto.randomUUID(),
      }),
    ],
    [
      'another sort',
      encodeCursor({ sort: 'title', order: 'desc', key: 'x', id: crypto.randomUUID() }),
    ],
    [
      'another order',
      encodeCursor({
        sort: 'created_at',
        order: 'asc',
        key: '2026-01-01T00:00:00.000Z',
        id: crypto.randomUUID(),
      }),
    ],
  ])('refuses a %s cursor with 400 naming cursor', async (_label, cursor) => {
    const res = await user.call(`${apiPaths.tasks}?cursor=${encodeURIComponent(cursor)}`);
    await expectProblem(res, 400, { errors: [expect.objectContaining({ path: 'cursor' })] });
  });

  it('returns nothing past the end for a well-formed cursor of a deleted task', async () => {
    const cursor = encodeCursor({
      sort: 'created_at',
      order: 'desc',
      key: '2000-01-01T00:00:00.000Z',
      id: crypto.randomUUID(),
    });
    expect((await list(`cursor=${cursor}`)).tasks).toEqual([]);
  });
});

describe('bounds', () => {
  it('returns all of a user’s tasks via listAll', async () => {
    expect((await listAll(user)).length).toBe(seeded.length);
  });
});
