// The floor: what a route costs if nothing but its SQL ran. A recording worker captures the exact
// SQL-over-HTTP calls each request makes; the replayer sends them again, unchanged, straight to
// the local Neon server with the same `@neondatabase/serverless` client the worker uses.
import { neon, neonConfig } from '@neondatabase/serverless';
import { Response as MfResponse, type Request as MfRequest } from 'miniflare';
import type { Outbound } from './worker.ts';

interface NeonQuery {
  query: string;
  params: unknown[];
}

/** One HTTP request the worker made to the Neon endpoint: a single query or an atomic batch. */
export interface SqlCall {
  queries: NeonQuery[];
  batch: boolean;
  isolationLevel?: 'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable';
  readOnly?: boolean;
  deferrable?: boolean;
}

export interface Recorder {
  /** Pass as the worker's outbound service: records SQL calls, forwards everything unchanged. */
  outbound: Outbound;
  /** The calls recorded since the previous `take()`. */
  take(): SqlCall[];
}

function parseCall(body: string, headers: Headers): SqlCall {
  const parsed = JSON.parse(body) as NeonQuery | { queries: NeonQuery[] };
  const batch = 'queries' in parsed;
  const flag = (name: string) => {
    const value = headers.get(name);
    return value === null ? undefined : value === 'true';
  };
  return {
    queries: batch ? parsed.queries : [parsed],
    batch,
    isolationLevel: (headers.get('Neon-Batch-Isolation-Level') ??
      undefined) as SqlCall['isolationLevel'],
    readOnly: flag('Neon-Batch-Read-Only'),
    deferrable: flag('Neon-Batch-Deferrable'),
  };
}

/** A recorder for a worker whose only outbound traffic is its database. */
export function createRecorder(): Recorder {
  let calls: SqlCall[] = [];
  const outbound: Outbound = async (request: MfRequest) => {
    const body = await request.text();
    const headers = new Headers(Object.fromEntries(request.headers.entries()));
    if (request.method === 'POST' && headers.has('Neon-Connection-String')) {
      calls.push(parseCall(body, headers));
    }
    const response = await fetch(request.url, { method: request.method, headers, body });
    return new MfResponse(await response.arrayBuffer(), {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
    });
  };
  return {
    outbound,
    take() {
      const taken = calls;
      calls = [];
      return taken;
    },
  };
}

/** Sends recorded calls to the Neon HTTP endpoint, in order, one round trip each. */
export type Replayer = (calls: readonly SqlCall[]) => Promise<void>;

/** A replayer using the Neon serverless driver; a Postgres error rejects (the floor must not fail). */
export function createReplayer(connectionString: string, endpoint: string): Replayer {
  neonConfig.fetchEndpoint = endpoint;
  const sql = neon(connectionString);
  return async (calls) => {
    for (const call of calls) {
      if (!call.batch) {
        const only = call.queries[0]!;
        await sql.query(only.query, only.params);
        continue;
      }
      await sql.transaction(
        call.queries.map((q) => sql.query(q.query, q.params)),
        {
          isolationLevel: call.isolationLevel,
          readOnly: call.readOnly,
          deferrable: call.deferrable,
        },
      );
    }
  };
}
