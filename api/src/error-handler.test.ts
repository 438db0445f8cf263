import { describe, expect, it, vi } from 'vitest';
import { callerWith, json } from '../test/api.ts';
import { createProbeApp } from '../test/probe-routes.ts';
import { errorPaths, expectProblem } from '../test/problem.ts';

const call = callerWith({}, createProbeApp());
const echo = '/api/v1/probe/echo';

describe('request validation', () => {
  it('accepts a valid body', async () => {
    const res = await call(echo, json('POST', { title: ' Buy milk ', tags: ['A', 'a'] }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ title: 'Buy milk', tags: ['a'], priority: 'Medium' });
  });

  it('names each invalid field with a dotted path', async () => {
    const body = { title: '', tags: ['ok', 'fine', 'good', 'x'.repeat(33)], priority: 'Urgent' };
    const problem = await expectProblem(await call(echo, json('POST', body)), 400, {
      title: 'Bad Request',
      detail: 'The request body is invalid.',
    });
    expect(errorPaths(problem)).toEqual(['priority', 'tags.3', 'title']);
    expect(problem.errors).toContainEqual({ path: 'title', message: 'Title cannot be empty' });
  });

  it('reports unknown and read-only fields by name', async () => {
    const body = { title: 'x', colour: 'red', id: 'abc', version: 3 };
    const problem = await expectProblem(await call(echo, json('POST', body)), 400);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: 'colour', message: 'unknown field' },
        { path: 'id', message: 'read-only field' },
        { path: 'version', message: 'read-only field' },
      ]),
    );
  });

  it('reports a body that is not an object at path "body"', async () => {
    const problem = await expectProblem(await call(echo, json('POST', [1, 2])), 400);
    expect(errorPaths(problem)).toEqual(['body']);
  });

  it('names invalid and unknown query parameters', async () => {
    const problem = await expectProblem(
      await call(`${echo}?limit=99&sort=x`, json('POST', { title: 'x' })),
      400,
    );
    expect(errorPaths(problem)).toEqual(['limit', 'sort']);
  });

  it('answers malformed JSON with 400 "Malformed JSON" at path "body"', async () => {
    const init = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title":',
    };
    await expectProblem(await call(echo, init), 400, {
      detail: 'Malformed JSON',
      errors: [{ path: 'body', message: 'Malformed JSON' }],
    });
  });

  it('answers a non-JSON content type with 415', async () => {
    const asText = { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' };
    await expectProblem(await call(echo, asText), 415, { title: 'Unsupported Media Type' });
    const asForm = { method: 'POST', body: new URLSearchParams({ title: 'x' }) };
    await expectProblem(await call(echo, asForm), 415);
  });
});

describe('unexpected errors', () => {
  it('become a bare 500 problem without internals, logged with the request id', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await call('/api/v1/probe/crash', { headers: { 'X-Request-Id': 'crash-1' } });
    const text = await res.clone().text();
    await expectProblem(res, 500, {
      title: 'Internal Server Error',
      detail: 'An unexpected error occurred.',
    });
    expect(text).not.toMatch(/hunter2|secret|\/srv\/|\.ts:|\bat\b/);
    const line = JSON.parse(String(logged.mock.calls.at(-1)?.[0]));
    expect(line).toMatchObject({ level: 'error', status: 500, request_id: 'crash-1' });
    expect(line.error).toEqual([
      'Error: secret internals: password=hunter2 at /srv/app/src/db.ts:42',
    ]);
  });

  it('turn a database error the client did not cause into a 500, logging no query parameters', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await call('/api/v1/probe/sql-error');
    const text = await res.clone().text();
    await expectProblem(res, 500, { detail: 'An unexpected error occurred.' });
    expect(text).not.toMatch(/division|select|Failed query|secret-param/i);
    const line = String(logged.mock.calls.at(-1)?.[0]);
    expect(line).toContain('division by zero');
    expect(line).toContain('params: [redacted]');
    expect(line).not.toContain('secret-param');
  });
});
