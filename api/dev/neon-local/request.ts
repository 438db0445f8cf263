// Reads a SQL-over-HTTP request the way Neon's proxy does (proxy/src/serverless/sql_over_http.rs):
// the connection-string and Neon-* headers, a body of at most 10 MiB, a single or batch payload.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { IsolationLevel, Statement } from './backend.ts';

/** Neon's default sql_over_http_max_request_size_bytes and ..._max_response_size_bytes. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** A failure Neon reports with a status of its own and an empty SQLSTATE. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  rawOutput: boolean;
  arrayMode: boolean;
  isolationLevel?: IsolationLevel;
  readOnly: boolean;
  deferrable: boolean;
}

export interface QueryData extends Statement {
  arrayMode?: boolean;
}

export type Payload = { queries: QueryData[]; single: false } | { query: QueryData; single: true };

const ISOLATION_LEVELS = new Set([
  'Serializable',
  'ReadUncommitted',
  'ReadCommitted',
  'RepeatableRead',
]);

/** Validates the connection string and reads the options; only the exact value `true` is true. */
export function parseHeaders(headers: IncomingHttpHeaders): RequestOptions {
  checkConnectionString(headers['neon-connection-string'], headers.authorization);
  const isolation = headers['neon-batch-isolation-level'];
  if (isolation !== undefined && !ISOLATION_LEVELS.has(String(isolation))) {
    throw new HttpError(400, 'invalid isolation level');
  }
  return {
    rawOutput: headers['neon-raw-text-output'] === 'true',
    arrayMode: headers['neon-array-mode'] === 'true',
    isolationLevel: isolation as IsolationLevel | undefined,
    readOnly: headers['neon-batch-read-only'] === 'true',
    deferrable: headers['neon-batch-deferrable'] === 'true',
  };
}

// The host names a Neon endpoint and is ignored here; user, database and a credential must exist.
function checkConnectionString(value: string | string[] | undefined, authorization?: string) {
  if (typeof value !== 'string') throw new HttpError(400, 'invalid header: neon-connection-string');
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new HttpError(400, `invalid connection string: ${(error as Error).message}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new HttpError(400, 'incorrect scheme');
  }
  if (!url.pathname.split('/')[1]) throw new HttpError(400, 'missing database name');
  if (!url.username) throw new HttpError(400, 'missing username');
  if (!url.password && !authorization?.startsWith('Bearer ')) {
    throw new HttpError(400, 'missing authentication credentials: required password');
  }
  if (!url.hostname) throw new HttpError(400, 'missing hostname');
}

/**
 * Reads the body up to `limit` bytes. A larger body is drained before answering 413 so the client
 * reads the status instead of a reset connection.
 */
export async function readBody(request: IncomingMessage, limit = MAX_REQUEST_BYTES) {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length <= limit) chunks.push(chunk);
    else if (length > limit * 8) request.destroy();
  }
  if (length > limit) throw new HttpError(413, `request is too large (max is ${limit} bytes)`);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses `{query, params, arrayMode}` or `{queries: [...]}`; parameters become Postgres text. */
export function parsePayload(body: string): Payload {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new HttpError(400, `could not parse the HTTP request body: ${(error as Error).message}`);
  }
  const single = toQueryData(json);
  if (single) return { single: true, query: single };
  const queries =
    isObject(json) && Array.isArray(json.queries) ? json.queries.map(toQueryData) : [];
  if (isObject(json) && queries.every((query) => query !== undefined)) {
    return { single: false, queries: queries as QueryData[] };
  }
  throw new HttpError(
    400,
    'could not parse the HTTP request body: data did not match any variant of untagged enum Payload',
  );
}

function toQueryData(value: unknown): QueryData | undefined {
  if (!isObject(value) || typeof value.query !== 'string') return undefined;
  const { params = [], arrayMode } = value;
  if (!Array.isArray(params)) return undefined;
  if (arrayMode !== undefined && arrayMode !== null && typeof arrayMode !== 'boolean')
    return undefined;
  return {
    query: value.query,
    params: params.map(toPgText),
    arrayMode: typeof arrayMode === 'boolean' ? arrayMode : undefined,
  };
}

/** Neon's json_to_pg_text: strings as they are, arrays as Postgres array literals, rest as JSON. */
function toPgText(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return toPgArrayItem(value);
  return JSON.stringify(value);
}

function toPgArrayItem(value: unknown): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return `{${value.map(toPgArrayItem).join(',')}}`;
  // Inside an array literal strings are quoted with JSON escaping, objects as quoted JSON text.
  if (isObject(value)) return JSON.stringify(JSON.stringify(value));
  return JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
