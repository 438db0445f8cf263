import { PROBLEM_CONTENT_TYPE, ProblemSchema } from 'virtual:contract';
import { accepts, parse, type Contract } from '$lib/contract/json-schema';
import { rememberOwnWrite, trackWrite } from '$lib/live/own-writes';
import { ApiError } from './api-error';
import { networkStatus } from './network-status.svelte';

export interface SendOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** The contract of a success body; without it the body is ignored (204, or not needed). */
  schema?: Contract<T>;
  signal?: AbortSignal;
  /** Server errors (502/503/504/429) are retried this many times; network failures always. */
  serverRetries?: number;
  /** Whether a 429 is among them (false: the user is shown it, as sign-in does). */
  retryTooMany?: boolean;
  /** Let the request outlive the page (a delete sent as the tab closes). */
  keepalive?: boolean;
}

export interface Sent<T> {
  data: T;
  status: number;
  headers: Headers;
}

const BACKOFF_BASE_MS = 300;
const BACKOFF_MAX_MS = 8_000;
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/**
 * Sends one API request and parses its answer: the success body against `schema`, an error as
 * an ApiError built from its problem+json. Network failures are retried with exponential backoff
 * (the offline banner shows meanwhile) until the request gets through or `signal` aborts it, so
 * every caller must send requests that are safe to repeat (GETs, If-Match, Idempotency-Key).
 */
export async function send<T = undefined>(path: string, options: SendOptions<T> = {}) {
  const write = options.method !== undefined && options.method !== 'GET';
  return write ? trackWrite(() => sendOnce(path, options)) : sendOnce(path, options);
}

async function sendOnce<T>(path: string, options: SendOptions<T>): Promise<Sent<T>> {
  const { serverRetries = 3 } = options;
  // This request counts towards the offline banner from its first network failure until it
  // gets any answer (or is given up), so the banner does not flicker between attempts.
  let offline = false;
  try {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(path, init(options));
      } catch (error) {
        if (options.signal?.aborted || !(error instanceof TypeError)) throw error;
        if (!offline) networkStatus.retrying++;
        offline = true;
        await sleep(retryDelay(attempt, null), options.signal, true);
        continue;
      }
      if (offline) networkStatus.retrying--;
      offline = false;
      if (response.ok) {
        if (options.method && options.method !== 'GET') rememberOwnWrite(response.headers);
        return await parseSuccess(response, options.schema);
      }
      const retryable = RETRYABLE_STATUS.has(response.status);
      const tooMany = response.status === 429 && options.retryTooMany === false;
      if (retryable && !tooMany && attempt < serverRetries) {
        await sleep(retryDelay(attempt, response.headers.get('retry-after')), options.signal);
        continue;
      }
      throw await toApiError(response);
    }
  } finally {
    if (offline) networkStatus.retrying--;
  }
}

function init<T>(options: SendOptions<T>): RequestInit {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
    signal: options.signal,
    keepalive: options.keepalive,
  };
}

async function parseSuccess<T>(response: Response, schema?: Contract<T>): Promise<Sent<T>> {
  const data = schema ? parse(schema, await response.json()) : (undefined as T);
  return { data, status: response.status, headers: response.headers };
}

/** The answer's problem; a body that is not one (a proxy's HTML page) becomes a generic one. */
export async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes(PROBLEM_CONTENT_TYPE) || type.includes('application/json')) {
    const body: unknown = await response.json().catch(() => undefined);
    if (accepts(ProblemSchema, body)) return new ApiError(parse(ProblemSchema, body));
  }
  const title = response.statusText || 'The server could not complete the request';
  return new ApiError({ type: 'about:blank', title, status: response.status });
}

/** Exponential backoff with jitter, or the server's Retry-After when it gives one. */
export function retryDelay(attempt: number, retryAfter: string | null): number {
  const seconds = Number(retryAfter);
  if (retryAfter && Number.isFinite(seconds)) return Math.min(seconds * 1000, BACKOFF_MAX_MS);
  const ceiling = Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_MAX_MS);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Waits `ms`, less if the browser comes back online (`wakeOnOnline`); rejects on abort. */
function sleep(ms: number, signal?: AbortSignal, wakeOnOnline = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      if (wakeOnOnline) window.removeEventListener('online', finish);
    };
    const finish = () => {
      cleanup();
      resolve();
    };
    const abort = () => {
      cleanup();
      reject(signal?.reason);
    };
    const timer = setTimeout(finish, ms);
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });
    if (wakeOnOnline) window.addEventListener('online', finish, { once: true });
  });
}
