// POST /sql: runs the payload on the backend and answers in the shape Neon's proxy writes, so the
// @neondatabase/serverless client cannot tell this server from Neon.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDatabaseError, type SqlBackend, type TextResult } from './backend.ts';
import { refusalOf } from './local-only.ts';
import { pgTextToJson } from './pg-text-to-json.ts';
import {
  HttpError,
  MAX_RESPONSE_BYTES,
  parseHeaders,
  parsePayload,
  readBody,
  type Payload,
  type QueryData,
  type RequestOptions,
} from './request.ts';

export interface HandlerOptions {
  backend: SqlBackend;
  latencyMs(): number;
  log(line: string): void;
}

/** Builds the request listener for the HTTP server. */
export function createSqlHandler({ backend, latencyMs, log }: HandlerOptions) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const refusal = refusalOf(request.headers);
    if (refusal) {
      request.resume();
      return send(response, 403, JSON.stringify(errorBody(refusal)));
    }
    const delay = latencyMs();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'GET' && path === '/health') return send(response, 200, '{"ok":true}');
    if (request.method !== 'POST' || path !== '/sql') {
      request.resume();
      return send(response, 404, JSON.stringify(errorBody('not found')));
    }
    const started = performance.now();
    try {
      const options = parseHeaders(request.headers);
      const payload = parsePayload(await readBody(request));
      const { body, headers } = await execute(backend, payload, options, log);
      send(response, 200, body, headers);
    } catch (error) {
      sendError(response, error, started, log);
    }
  };
}

async function execute(
  backend: SqlBackend,
  payload: Payload,
  options: RequestOptions,
  log: HandlerOptions['log'],
): Promise<{ body: string; headers?: Record<string, string> }> {
  const budget = new ResponseBudget();
  let last = performance.now();
  if (payload.single) {
    const result = await backend.query(payload.query);
    log(logLine(last, result));
    return { body: resultJson(result, payload.query, options, budget) };
  }
  const results: string[] = [];
  await backend.batch(payload.queries, {
    ...options,
    onResult(result, index) {
      results.push(resultJson(result, payload.queries[index]!, options, budget));
      log(logLine(last, result));
      last = performance.now();
    },
  });
  return { body: `{"results":[${results.join(',')}]}`, headers: batchHeaders(options) };
}

// Neon stops writing rows once the response passes its limit; a batch then rolls back.
class ResponseBudget {
  private bytes = 0;
  spend(text: string): void {
    this.bytes += Buffer.byteLength(text);
    if (this.bytes > MAX_RESPONSE_BYTES) {
      throw new HttpError(507, `response is too large (max is ${MAX_RESPONSE_BYTES} bytes)`);
    }
  }
}

function resultJson(
  result: TextResult,
  query: QueryData,
  options: RequestOptions,
  budget: ResponseBudget,
): string {
  const arrayMode = query.arrayMode ?? options.arrayMode;
  const { fields } = result;
  const value = (text: string | null, column: number) =>
    text === null || options.rawOutput ? text : pgTextToJson(text, fields[column]!.dataTypeID);
  const rows = result.rows.map((row) =>
    arrayMode
      ? row.map(value)
      : Object.fromEntries(row.map((text, column) => [fields[column]!.name, value(text, column)])),
  );
  const rowsJson = JSON.stringify(rows);
  budget.spend(rowsJson);
  const fieldsJson = JSON.stringify(fields.map((field) => ({ ...field, format: 'text' })));
  return (
    `{"rowAsArray":${arrayMode},"fields":${fieldsJson},"rows":${rowsJson},` +
    `"command":${JSON.stringify(result.command)},"rowCount":${JSON.stringify(result.rowCount)}}`
  );
}

function batchHeaders(options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.readOnly) headers['Neon-Batch-Read-Only'] = 'true';
  if (options.deferrable) headers['Neon-Batch-Deferrable'] = 'true';
  if (options.isolationLevel) headers['Neon-Batch-Isolation-Level'] = options.isolationLevel;
  return headers;
}

function sendError(
  response: ServerResponse,
  error: unknown,
  started: number,
  log: HandlerOptions['log'],
) {
  const elapsed = `${(performance.now() - started).toFixed(1)}ms`;
  if (isDatabaseError(error)) {
    log(`neon-local ${elapsed} ERROR ${error.code} ${error.message}`);
    return send(response, 400, JSON.stringify(errorBody(error.message, error)));
  }
  const status = error instanceof HttpError ? error.status : 500;
  const message = error instanceof Error ? error.message : String(error);
  log(`neon-local ${elapsed} HTTP ${status} ${message}`);
  send(response, status, JSON.stringify(errorBody(message)));
}

/** Neon's error JSON: every field present, null when Postgres did not send it. */
function errorBody(message: string, db?: object) {
  const field = (name: string) => (db as Record<string, string> | undefined)?.[name] ?? null;
  return {
    message,
    code: field('code') ?? '',
    detail: field('detail'),
    hint: field('hint'),
    position: field('position'),
    internalPosition: field('internalPosition'),
    internalQuery: field('internalQuery'),
    severity: field('severity') ?? '',
    where: field('where'),
    table: field('table'),
    column: field('column'),
    schema: field('schema'),
    dataType: field('dataType'),
    constraint: field('constraint'),
    file: field('file'),
    line: field('line'),
    routine: field('routine'),
  };
}

function logLine(since: number, result: TextResult): string {
  const elapsed = (performance.now() - since).toFixed(1);
  return `neon-local ${elapsed}ms ${result.command || '(empty)'} ${result.rowCount ?? '-'}`;
}

function send(response: ServerResponse, status: number, body: string, headers = {}) {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'Content-Type': 'application/json',
    ...headers,
  });
  response.end(body);
}
