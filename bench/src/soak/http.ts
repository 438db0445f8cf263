// The soak's HTTP layer: every response (or network failure) is tallied with when it happened, so
// the verdict can tell a 503 during the outage from a 5xx that should never have happened.
import { performance } from 'node:perf_hooks';
import { PROBLEM_CONTENT_TYPE } from '@tasks/shared';

export interface Reply {
  /** HTTP status, or 0 when no response arrived (connection refused or reset, timeout). */
  status: number;
  body: unknown;
  headers: Headers;
}

export interface ServerError {
  at: number;
  status: number;
  retryAfter: string | null;
  /** Whether the body was `application/problem+json`, as every API error must be. */
  problem: boolean;
  method: string;
  path: string;
  detail: string;
}

/** Counts shared by every client of one soak run. */
export class Tally {
  readonly byStatus = new Map<string, number>();
  readonly serverErrors: ServerError[] = [];
  requests = 0;

  record(status: number | 'network', at: number) {
    const key = String(status);
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
    this.requests += 1;
    return at;
  }
}

export interface RequestOptions {
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Sends one request to the API and records its outcome; never throws on HTTP or network errors. */
export async function send(origin: string, tally: Tally, options: RequestOptions): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(origin + options.path, {
      method: options.method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    const at = tally.record(response.status, performance.now());
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error report
    }
    if (response.status >= 500) {
      tally.serverErrors.push({
        at,
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        problem: (response.headers.get('content-type') ?? '').includes(PROBLEM_CONTENT_TYPE),
        method: options.method,
        path: options.path,
        detail:
          typeof body === 'object' && body ? String((body as { detail?: unknown }).detail) : text,
      });
    }
    return { status: response.status, body, headers: response.headers };
  } catch {
    tally.record('network', performance.now());
    return { status: 0, body: null, headers: new Headers() };
  }
}

/** True for outcomes worth retrying: no response, a 5xx, or 429 (rate limited). */
export function isTransient(reply: Reply): boolean {
  return reply.status === 0 || reply.status >= 500 || reply.status === 429;
}

/** How long to wait before retrying: `Retry-After` when given (capped), else a jittered backoff. */
export function retryDelayMs(reply: Reply, attempt: number): number {
  const header = Number(reply.headers.get('retry-after'));
  if (Number.isFinite(header) && header > 0) return Math.min(header * 1000, 2_000);
  return Math.min(2_000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
