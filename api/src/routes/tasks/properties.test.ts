import {
  apiPaths,
  BulkResultSchema,
  PROBLEM_CONTENT_TYPE,
  ProblemSchema,
  TaskSchema,
  TASK_SORT_KEYS,
} from '@tasks/shared';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { postTask } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

// Random input never makes the API fail: every answer is a success that matches its schema or a
// 4xx problem+json. Runs are kept small so the whole suite stays fast.
const RUNS = { numRuns: 60 };

let user: TestUser;
let taskId: string;

beforeAll(async () => {
  user = await newUser('props');
  taskId = (await postTask(user, { title: 'property target' })).id;
});

/** Asserts the response is a schema-valid success or a 4xx problem+json; never a 5xx. */
async function expectWellFormed(res: Response, success?: { parse: (value: unknown) => unknown }) {
  const text = await res.text();
  expect(res.status, text).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('Content-Type')).toBe(PROBLEM_CONTENT_TYPE);
    const problem = ProblemSchema.parse(JSON.parse(text));
    expect(problem.status).toBe(res.status);
    if (res.status === 400) expect(problem.errors?.length ?? 1).toBeGreaterThan(0);
  } else if (success && text) {
    success.parse(JSON.parse(text));
  }
}

const scalar = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('High', 'Low', 'Medium', 'complete', 'delete', '2026-01-31T17:00:00Z', ''),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 25 }),
  fc.dictionary(fc.string(), scalar),
);
const fieldNames = fc.constantFrom(
  'title',
  'description',
  'completed',
  'priority',
  'due_at',
  'tags',
  'id',
  'version',
  'action',
  'ids',
  'junk',
);
/** Bodies that are mostly task-shaped, so the generator reaches deep validation paths too. */
const body = fc.oneof(
  fc.dictionary(fieldNames, value, { maxKeys: 7 }),
  fc.record(
    {
      title: fc.string({ unit: 'grapheme', maxLength: 220 }),
      tags: fc.array(fc.string({ maxLength: 40 }), { maxLength: 30 }),
      due_at: fc.option(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
      priority: fc.constantFrom('High', 'Medium', 'Low'),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);
const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode),
  maxLength: 300,
});

describe('random bodies', () => {
  it('POST /tasks never fails with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.option(headerValue), async (input, key) => {
        const headers: Record<string, string> = key === null ? {} : { 'Idempotency-Key': key };
        await expectWellFormed(
          await user.call(apiPaths.tasks, json('POST', input, headers)),
          TaskSchema,
        );
      }),
      RUNS,
    );
  });

  it('PATCH/PUT /tasks/{id}, completion and bulk never fail with a 5xx', async () => {
    const route = fc.constantFrom<[string, () => string]>(
      ['PATCH', () => apiPaths.task(taskId)],
      ['PUT', () => apiPaths.task(taskId)],
      ['PUT', () => apiPaths.taskCompletion(taskId)],
      ['POST', () => apiPaths.taskCompletion(taskId)],
      ['POST', () => apiPaths.tasksBulk],
    );
    await fc.assert(
      fc.asyncProperty(
        route,
        body,
        fc.option(headerValue),
        async ([method, path], input, ifMatch) => {
          const headers: Record<string, string> = ifMatch === null ? {} : { 'If-Match': ifMatch };
          const res = await user.call(path(), json(method, input, headers));
          const schema = path() === apiPaths.tasksBulk ? BulkResultSchema : TaskSchema;
          await expectWellFormed(res, schema);
        },
      ),
      RUNS,
    );
  });

  it('any path id is a 404 problem or the task, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uuid(), fc.string({ maxLength: 60 })), async (id) => {
        const res = await user.call(apiPaths.task(id));
        expect([200, 404]).toContain(res.status);
        await expectWellFormed(res, TaskSchema);
      }),
      RUNS,
    );
  });
});

describe('random list queries', () => {
  const param = fc.tuple(
    fc.constantFrom(
      'status',
      'priority',
      'tag',
      'q',
      'due_before',
      'due_after',
      'sort',
      'order',
      'limit',
      'cursor',
      'other',
    ),
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom(
        ...TASK_SORT_KEYS,
        'asc',
        'desc',
        'pending',
        'completed',
        'High',
        '0',
        '200',
        '201',
      ),
      fc.integer().map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
  );

  it('GET /tasks never fails with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 6 }), async (params) => {
        const query = new URLSearchParams(params).toString();
        const res = await user.call(`${apiPaths.tasks}?${query}`);
        await expectWellFormed(res, TaskSchema.array());
      }),
      RUNS,
    );
  });
});
