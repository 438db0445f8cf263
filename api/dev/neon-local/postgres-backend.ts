// A PostgreSQL server behind a connection pool, as Neon's proxy keeps one: concurrent requests run
// on separate connections, a batch holds one connection for its whole transaction.
import pg from 'pg';
import {
  beginStatement,
  isDatabaseError,
  type BatchOptions,
  type SqlBackend,
  type Statement,
  type TextResult,
} from './backend.ts';

// Every value stays in Postgres's text output; the HTTP client parses it by type OID.
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

/** Pools connections to the server at `url`; the pool forgets connections the server dropped. */
export function createPostgresBackend(url: string, onPoolError?: (error: Error) => void) {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: RAW_TEXT });
  // An idle connection dies when the server restarts; the pool discards it and must not crash us.
  pool.on('error', (error) => onPoolError?.(error));
  // A checked-out connection has no pool listener: the server shutting down between two of its
  // queries would be an unhandled 'error' event. Its next query still fails and discards it.
  pool.on('connect', (client) => client.on('error', (error) => onPoolError?.(error)));

  const backend: SqlBackend = {
    async query(statement) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await run(client, statement);
      } catch (error) {
        if (!isDatabaseError(error)) broken = error as Error;
        throw error;
      } finally {
        // Neon discards a connection left inside a transaction; destroying it ends the transaction.
        client.release(broken ?? client.getTransactionStatus() !== 'I');
      }
    },
    async batch(statements, options) {
      const client = await pool.connect();
      try {
        const results = await runBatch(client, statements, options);
        client.release();
        return results;
      } catch (error) {
        client.release(await rollback(client));
        throw error;
      }
    },
    close: () => pool.end(),
  };
  return backend;
}

async function runBatch(client: pg.PoolClient, statements: Statement[], options: BatchOptions) {
  await run(client, { query: beginStatement(options), params: [] });
  const results: TextResult[] = [];
  for (const [index, statement] of statements.entries()) {
    const result = await run(client, statement);
    options.onResult(result, index);
    results.push(result);
  }
  await run(client, { query: 'COMMIT', params: [] });
  return results;
}

/** Ends whatever transaction is open; answers whether the connection must be thrown away. */
async function rollback(client: pg.PoolClient): Promise<boolean> {
  if (client.getTransactionStatus() === 'I') return false;
  try {
    await client.query('ROLLBACK');
    return false;
  } catch {
    return true;
  }
}

async function run(client: pg.PoolClient, { query, params }: Statement): Promise<TextResult> {
  // queryMode 'extended' makes even parameterless queries go through Parse/Bind like Neon's
  // proxy does, so "SELECT 1; SELECT 2" fails here exactly as it fails on Neon.
  const config = { text: query, values: params, rowMode: 'array', queryMode: 'extended' };
  const result = await client.query<(string | null)[]>(config as pg.QueryArrayConfig);
  return {
    fields: result.fields.map(({ name, tableID, columnID, dataTypeID, ...rest }) => ({
      name,
      tableID,
      columnID,
      dataTypeID,
      dataTypeSize: rest.dataTypeSize,
      dataTypeModifier: rest.dataTypeModifier,
    })),
    rows: result.rows,
    command: result.command ?? '',
    rowCount: result.rowCount ?? null,
  };
}
