import SwaggerParser from '@apidevtools/swagger-parser';
import { apiPaths, PROBLEM_CONTENT_TYPE } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/api.ts';
import { app } from '../app.ts';

type Operation = {
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Routes that are not API operations: the document itself and its viewer. */
const NOT_OPERATIONS = new Set([`GET ${apiPaths.openapi}`, `GET ${apiPaths.docs}`]);

let doc: Document;

beforeAll(async () => {
  const res = await api(apiPaths.openapi);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Document;
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      key: `${method.toUpperCase()} ${path}`,
      path,
      op: item[method]!,
    })),
  );

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (swagger-parser)', async () => {
    // validate() dereferences in place: give it a copy.
    const validated = await SwaggerParser.validate(structuredClone(doc) as never);
    expect(validated).toMatchObject({ openapi: '3.1.0' });
  });

  it('documents every route the app serves, and nothing it does not', () => {
    const served = new Set(
      app.routes
        .filter((route) => route.method !== 'ALL' && !route.path.endsWith('*'))
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
        .filter((key) => !NOT_OPERATIONS.has(key)),
    );
    expect(new Set(operations().map((operation) => operation.key))).toEqual(served);
  });

  it('marks every task and tag operation bearer-only, with problem+json errors', () => {
    const taskOperations = operations().filter(({ path }) => /^\/api\/v1\/(tasks|tags)/.test(path));
    expect(taskOperations.length).toBe(16);
    for (const { key, op } of taskOperations) {
      expect(op.security, key).toEqual([{ bearer: [] }]);
      expect(Object.keys(op.responses), key).toContain('401');
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect(response.content?.[PROBLEM_CONTENT_TYPE]?.schema?.$ref, `${key} ${status}`).toBe(
          '#/components/schemas/Problem',
        );
      }
    }
  });

  it('refers to the shared schemas by name instead of inlining copies', () => {
    const text = JSON.stringify(doc.paths);
    for (const name of [
      'Task',
      'TaskCreate',
      'TaskUpdate',
      'Completion',
      'BulkAction',
      'BulkResult',
      'Cleared',
      'TagCount',
      'TaskCounts',
      'Priority',
    ]) {
      expect(text, name).toContain(`"#/components/schemas/${name}"`);
    }
  });
});
