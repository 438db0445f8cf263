// What the worker sends to its database, recorded: a recording worker captures every
// SQL-over-HTTP exchange each request makes, so the bench can count round trips, see which tables
// a request touched, and (for sign-in, whose SQL is Better Auth's) replay the exchanges raw.
import { Response as MfResponse, type Request as MfRequest } from 'miniflare';
import type { SqlExchange, SqlHttp } from './sql-http.ts';
import type { Outbound } from './worker.ts';

/** One HTTP request the worker made to the Neon endpoint: a single query or an atomic batch. */
export interface SqlCall extends SqlExchange {
  /** The statements it carried (one, or a batch's). */
  queries: string[];
}

export interface Recorder {
  /** Pass as the worker's outbound service: records SQL calls, forwards everything unchanged. */
  outbound: Outbound;
  /** The calls recorded since the previous `take()`. */
  take(): SqlCall[];
}

/** The Neon headers of a recorded request (everything else is the transport's). */
function neonHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of headers) if (name.startsWith('neon-')) kept[name] = value;
  return kept;
}

function parseCall(body: string, headers: Headers): SqlCall {
  const parsed = JSON.parse(body) as { query: string } | { queries: { query: string }[] };
  const queries = 'queries' in parsed ? parsed.queries.map((q) => q.query) : [parsed.query];
  return { queries, body, headers: neonHeaders(headers) };
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

/** Sends recorded calls again, unchanged and unparsed, in order, one round trip each. */
export async function replayRaw(sql: SqlHttp, calls: readonly SqlCall[]): Promise<void> {
  for (const call of calls) await sql.send(call);
}
