// Embedded Postgres (PGlite, WASM). It has one connection, so every request waits its turn in a
// queue: a batch's transaction is never interleaved with another request's statements.
import { mkdirSync } from 'node:fs';
import { PGlite, protocol } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  beginStatement,
  parseCommandTag,
  type BatchOptions,
  type FieldDescription,
  type SqlBackend,
  type Statement,
  type TextResult,
} from './backend.ts';
import { createMemoryPglite } from './pglite-template.ts';

interface Outcome {
  result: TextResult;
  error?: Error;
  /** ReadyForQuery status: I idle, T in a transaction, E in a failed transaction. */
  status: string;
}

type Message = { name: string } & Record<string, unknown>;

/** Opens PGlite (in memory, or persisted in `dataDir`) with pg_trgm available to CREATE EXTENSION. */
export async function createPgliteBackend(dataDir: string): Promise<SqlBackend> {
  const options = { extensions: { pg_trgm } };
  let pg: PGlite;
  if (dataDir === 'memory') {
    pg = await createMemoryPglite(options);
  } else {
    mkdirSync(dataDir, { recursive: true });
    pg = await PGlite.create(dataDir, options);
  }
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };
  const run = (statement: Statement) => runExtended(pg, statement);

  return {
    query: (statement) =>
      exclusive(async () => {
        const outcome = await run(statement);
        // Neon drops a pooled connection left inside a transaction; ending it here is the same.
        if (outcome.status !== 'I') await run({ query: 'ROLLBACK', params: [] });
        if (outcome.error) throw outcome.error;
        return outcome.result;
      }),
    batch: (statements, options) => exclusive(() => runBatch(run, statements, options)),
    close: () => exclusive(() => pg.close()),
  };
}

async function runBatch(
  run: (statement: Statement) => Promise<Outcome>,
  statements: Statement[],
  options: BatchOptions,
): Promise<TextResult[]> {
  const begin = await run({ query: beginStatement(options), params: [] });
  if (begin.error) throw begin.error;
  const results: TextResult[] = [];
  try {
    for (const [index, statement] of statements.entries()) {
      const outcome = await run(statement);
      if (outcome.error) throw outcome.error;
      options.onResult(outcome.result, index);
      results.push(outcome.result);
    }
  } catch (error) {
    await run({ query: 'ROLLBACK', params: [] });
    throw error;
  }
  const commit = await run({ query: 'COMMIT', params: [] });
  if (commit.error) throw commit.error;
  return results;
}

/** Parse/Bind/Describe/Execute/Sync in one message, exactly as a pooled Neon connection runs it. */
async function runExtended(pg: PGlite, { query, params }: Statement): Promise<Outcome> {
  const { serialize } = protocol;
  const parts = [
    serialize.parse({ text: query }),
    serialize.bind({ values: params }),
    serialize.describe({ type: 'P' }),
    serialize.execute({}),
    serialize.sync(),
  ];
  const message = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  const replies = (await pg.execProtocolStream(message, { throwOnError: false })) as Message[];
  return collect(replies);
}

function collect(replies: Message[]): Outcome {
  const result: TextResult = { fields: [], rows: [], command: '', rowCount: null };
  const outcome: Outcome = { result, status: 'I' };
  for (const reply of replies) {
    if (reply.name === 'rowDescription') result.fields = toFields(reply.fields);
    else if (reply.name === 'dataRow') result.rows.push(reply.fields as (string | null)[]);
    else if (reply.name === 'commandComplete')
      Object.assign(result, parseCommandTag(String(reply.text)));
    else if (reply.name === 'error') outcome.error = reply as unknown as Error;
    else if (reply.name === 'readyForQuery') outcome.status = String(reply.status);
  }
  return outcome;
}

function toFields(fields: unknown): FieldDescription[] {
  return (fields as FieldDescription[]).map((field) => ({
    name: field.name,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeID: field.dataTypeID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
  }));
}
