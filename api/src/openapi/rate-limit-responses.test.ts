import { apiPaths } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { api } from '../../test/api.ts';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

describe('the OpenAPI document', () => {
  it('lists the 429 of the data limits on exactly the operations the middleware limits', async () => {
    const doc = (await (await api(apiPaths.openapi)).json()) as Doc;
    const has429 = (path: string, method: string) =>
      Object.hasOwn(doc.paths[path]![method]!.responses, '429');
    expect(has429(apiPaths.tasks, 'post')).toBe(true);
    expect(has429(apiPaths.tasks, 'get')).toBe(true);
    expect(has429('/api/v1/tasks/{id}', 'patch')).toBe(true);
    expect(has429(apiPaths.tasksBulk, 'post')).toBe(true);
    expect(has429(apiPaths.tags, 'get')).toBe(true);
    expect(has429('/api/v1/tasks/{id}', 'get')).toBe(false);
    expect(has429(apiPaths.me, 'get')).toBe(false);
    const tooMany = doc.paths[apiPaths.tasks]!.post!.responses['429'] as { headers: object };
    expect(tooMany.headers).toHaveProperty('Retry-After');
  });
});
