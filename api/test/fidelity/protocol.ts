// The HTTP surface itself: headers, size limits, non-raw output, extensions, concurrency.
import { NeonDbError } from '@neondatabase/serverless';
import { expect, it } from 'vitest';
import type { Fidelity } from './context.ts';

const MiB = 1024 * 1024;

export function protocolTests(t: Fidelity) {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(t.server.url, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'Neon-Connection-String': t.server.connectionString, ...headers },
    });

  it('answers a request over 10 MiB with 413, and one just under it normally', async () => {
    const under = await t.sql`SELECT length(${'x'.repeat(9 * MiB)}) AS n`;
    expect(under).toEqual([{ n: 9 * MiB }]);
    const error = await t.sql`SELECT length(${'x'.repeat(10 * MiB)})`.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeonDbError);
    expect((error as Error).message).toMatch(
      /^Server error \(HTTP status 413\): .*request is too large \(max is 10485760 bytes\)/,
    );
  });

  it('answers a response over 10 MiB with 507 and rolls its batch back', async () => {
    const error = await t.sql
      .transaction([
        t.sql`INSERT INTO fidelity_items (title) VALUES ('rolled back')`,
        t.sql`SELECT repeat('x', ${MiB}) FROM generate_series(1, 11)`,
      ])
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^Server error \(HTTP status 507\): .*response is too large \(max is 10485760 bytes\)/,
    );
    expect(await t.sql`SELECT count(*)::int AS n FROM fidelity_items`).toEqual([{ n: 0 }]);
  });

  it('converts values to JSON types without Neon-Raw-Text-Output, like the proxy', async () => {
    const response = await post({
      query: `SELECT 1::int2 AS small, 2::int4 AS int, 3::int8 AS big, 1.5::float8 AS float,
        'NaN'::float4 AS nan, true AS yes, '{"a": [1]}'::jsonb AS doc, 1.50::numeric AS numeric,
        '{1,NULL,3}'::int4[] AS ints, '{{"a b",c}}'::text[] AS texts, NULL::int AS nothing`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      rowAsArray: false,
      command: 'SELECT',
      rowCount: 1,
      rows: [
        {
          small: 1,
          int: 2,
          big: '3',
          float: 1.5,
          nan: 'NaN',
          yes: true,
          doc: { a: [1] },
          numeric: '1.50',
          ints: [1, null, 3],
          texts: [['a b', 'c']],
          nothing: null,
        },
      ],
    });
  });

  it('validates the connection string, the isolation level and the body like Neon', async () => {
    const noConnection = await fetch(t.server.url, {
      method: 'POST',
      body: '{"query":"SELECT 1"}',
    });
    expect(noConnection.status).toBe(400);
    expect(await noConnection.json()).toMatchObject({
      message: 'invalid header: neon-connection-string',
      code: '',
    });
    const badLevel = await post({ queries: [] }, { 'Neon-Batch-Isolation-Level': 'Chaos' });
    expect(badLevel.status).toBe(400);
    expect(await badLevel.json()).toMatchObject({ message: 'invalid isolation level' });
    const notJson = await post('{"query":');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { message: string }).message).toMatch(
      /^could not parse the HTTP request body/,
    );
    const noPassword = await post(
      { query: 'SELECT 1' },
      {
        'Neon-Connection-String': 'postgresql://user@host/db',
      },
    );
    expect(await noPassword.json()).toMatchObject({
      message: 'missing authentication credentials: required password',
    });
  });

  it('echoes the batch options in the response headers', async () => {
    const response = await post(
      { queries: [{ query: 'SELECT 1 AS one', params: [] }] },
      {
        'Neon-Batch-Isolation-Level': 'RepeatableRead',
        'Neon-Batch-Read-Only': 'true',
        'Neon-Array-Mode': 'true',
      },
    );
    expect(response.headers.get('neon-batch-isolation-level')).toBe('RepeatableRead');
    expect(response.headers.get('neon-batch-read-only')).toBe('true');
    expect(await response.json()).toMatchObject({ results: [{ rows: [[1]], rowAsArray: true }] });
  });

  it('has pg_trgm for CREATE EXTENSION, its operators and GIN indexes', async () => {
    await t.sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`;
    await t.sql`CREATE INDEX IF NOT EXISTS fidelity_items_title_trgm
      ON fidelity_items USING gin (title gin_trgm_ops)`;
    await t.sql`INSERT INTO fidelity_items (title) VALUES ('buy groceries'), ('call mum')`;
    const rows = await t.sql`SELECT title, similarity(title, ${'grocery'}) > 0.3 AS close
      FROM fidelity_items WHERE title ILIKE ${'%grocer%'} OR title % ${'grocery'}`;
    expect(rows).toEqual([{ title: 'buy groceries', close: true }]);
  });

  it('serves concurrent requests without mixing up transactions', async () => {
    const work = Array.from({ length: 24 }, (_, i) =>
      i % 2
        ? t.sql`INSERT INTO fidelity_items (title) VALUES (${`single ${i}`})`
        : t.sql.transaction([
            t.sql`INSERT INTO fidelity_items (title) VALUES (${`batch ${i}`})`,
            t.sql`SELECT title FROM fidelity_items WHERE title = ${`batch ${i}`}`,
          ]),
    );
    const results = await Promise.all(work);
    results.forEach((result, i) => {
      if (i % 2 === 0) expect(result).toEqual([[], [{ title: `batch ${i}` }]]);
    });
    expect(await t.sql`SELECT count(*)::int AS n FROM fidelity_items`).toEqual([{ n: 24 }]);
  });

  it('adds the simulated network latency to every request', async () => {
    t.server.setLatency(60);
    const started = performance.now();
    await t.sql`SELECT 1`;
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
}
