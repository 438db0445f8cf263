// Postgres errors reach the client as NeonDbError with the real SQLSTATE and error fields.
import { NeonDbError } from '@neondatabase/serverless';
import { expect, it } from 'vitest';
import { items } from './schema.ts';
import type { Fidelity } from './context.ts';

async function failure(promise: Promise<unknown>): Promise<NeonDbError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(NeonDbError);
  return error as NeonDbError;
}

export function errorTests(t: Fidelity) {
  it('reports a unique violation as 23505 with the constraint and detail', async () => {
    await t.sql`INSERT INTO fidelity_items (title) VALUES ('dup')`;
    const error = await failure(t.sql`INSERT INTO fidelity_items (title) VALUES ('dup')`);
    expect(error).toMatchObject({
      message: 'duplicate key value violates unique constraint "fidelity_items_title_key"',
      code: '23505',
      severity: 'ERROR',
      detail: 'Key (title)=(dup) already exists.',
      schema: 'public',
      table: 'fidelity_items',
      constraint: 'fidelity_items_title_key',
      routine: '_bt_check_unique',
    });
    expect(error.file).toMatch(/\.c$/);
    expect(error.line).toMatch(/^\d+$/);
    expect(error.hint).toBeUndefined();
  });

  it('wraps drizzle query errors around the NeonDbError', async () => {
    await t.db.insert(items).values({ title: 'dup' });
    const error = await t.db
      .insert(items)
      .values({ title: 'dup' })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect((error as Error).cause).toBeInstanceOf(NeonDbError);
    expect((error as Error).cause).toMatchObject({ code: '23505' });
  });

  it('reports a syntax error as 42601 with its position', async () => {
    const query = 'SELECT * FROM fidelity_items WHERE';
    const error = await failure(t.sql.query(query));
    expect(error).toMatchObject({
      code: '42601',
      message: 'syntax error at end of input',
      position: String(query.length + 1),
    });
  });

  it('reports an undefined table as 42P01', async () => {
    const error = await failure(t.sql`SELECT * FROM no_such_table`);
    expect(error).toMatchObject({
      code: '42P01',
      message: 'relation "no_such_table" does not exist',
      position: '15',
    });
  });

  it('reports bad input text as 22P02 and an internal query position', async () => {
    const error = await failure(t.sql`SELECT ${'abc'}::int`);
    expect(error).toMatchObject({
      code: '22P02',
      message: 'invalid input syntax for type integer: "abc"',
    });
    const inner = await failure(t.sql.query(`DO $$ BEGIN PERFORM 1 FROM no_such_table; END $$`));
    expect(inner).toMatchObject({ code: '42P01', internalQuery: 'SELECT 1 FROM no_such_table' });
    expect(inner.internalPosition).toMatch(/^\d+$/);
    expect(inner.where).toContain('PL/pgSQL');
  });

  it('refuses several statements in one query, as the extended protocol does', async () => {
    const error = await failure(t.sql.query('SELECT 1; SELECT 2'));
    expect(error).toMatchObject({
      code: '42601',
      message: 'cannot insert multiple commands into a prepared statement',
    });
  });

  it('ends a transaction a single query left open, as Neon drops that connection', async () => {
    await t.sql`BEGIN`;
    await t.sql`INSERT INTO fidelity_items (title) VALUES ('autocommitted')`;
    await t.sql`ROLLBACK`;
    expect(await t.sql`SELECT title FROM fidelity_items`).toEqual([{ title: 'autocommitted' }]);
  });
}
