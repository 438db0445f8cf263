import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HealthSchema } from 'virtual:contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '$lib/contract/json-schema';
import { ApiError } from './api-error';
import { retryDelay, send } from './http';
import { networkStatus } from './network-status.svelte';

// A real HTTP server on 127.0.0.1 plays the API: each test queues the answers it wants.
type Answer = (request: IncomingMessage, response: ServerResponse) => void;
let server: Server;
let origin: string;
let answers: Answer[] = [];
let seen: { method: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', headers: request.headers, body });
      const answer = answers.shift() ?? ((_q, r) => r.writeHead(500).end());
      answer(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  answers = [];
  seen = [];
});

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
const problem =
  (status: number, body: unknown): Answer =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/problem+json' });
    response.end(JSON.stringify(body));
  };
/** Drops the connection without answering: what the browser sees as a network failure. */
const hangUp: Answer = (request) => request.socket.destroy();
const healthy = json(200, { status: 'ok', database: 'ok' });

describe('send', () => {
  it('parses a success against its contract', async () => {
    answers.push(healthy);
    const { data, status } = await send(`${origin}/health`, { schema: HealthSchema });
    expect(status).toBe(200);
    expect(data).toEqual({ status: 'ok', database: 'ok' });
  });

  it('refuses an answer that breaks the contract', async () => {
    answers.push(json(200, { status: 'ok', database: 'down' }));
    await expect(send(`${origin}/health`, { schema: HealthSchema })).rejects.toThrow(ContractError);
  });

  it('retries a network failure with the same request and shows the offline state meanwhile', async () => {
    let retrying = 0;
    answers.push(hangUp, (request, response) => {
      retrying = networkStatus.retrying;
      healthy(request, response);
    });
    const body = { title: 'Once' };
    const headers = { 'idempotency-key': 'key-1' };
    await send(`${origin}/tasks`, { method: 'POST', body, headers, schema: HealthSchema });
    expect(seen).toHaveLength(2);
    expect(seen.map((request) => request.headers['idempotency-key'])).toEqual(['key-1', 'key-1']);
    expect(seen[1]?.body).toBe(JSON.stringify(body));
    expect(retrying).toBe(1);
    expect(networkStatus.retrying).toBe(0);
  });

  it('retries 503 as the server asks, then gives up with the problem', async () => {
    const unavailable = problem(503, {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
    });
    answers.push((q, r) => {
      r.setHeader('retry-after', '0');
      unavailable(q, r);
    }, healthy);
    await expect(send(`${origin}/health`, { schema: HealthSchema })).resolves.toBeDefined();
    answers.push(unavailable, unavailable);
    const failure = send(`${origin}/health`, { schema: HealthSchema, serverRetries: 1 });
    await expect(failure).rejects.toMatchObject({ status: 503, message: 'Service Unavailable' });
  });

  it('can leave a 429 to the caller while it retries a 503', async () => {
    const answer = (status: number) => problem(status, { type: 'about:blank', title: 'x', status });
    const options = { schema: HealthSchema, serverRetries: 2, retryTooMany: false };
    answers.push(answer(503), healthy);
    await expect(send(`${origin}/health`, options)).resolves.toBeDefined();
    answers.push(answer(429), healthy);
    await expect(send(`${origin}/health`, options)).rejects.toMatchObject({ status: 429 });
    expect(seen).toHaveLength(3);
  });

  it('turns problem+json into an ApiError that names the fields', async () => {
    answers.push(
      problem(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request body is invalid.',
        errors: [
          { path: 'password', message: 'Password needs at least 8 characters' },
          { path: 'password', message: 'Password needs at least one upper-case letter' },
          { path: 'tags.3', message: 'Tag cannot be empty' },
        ],
      }),
    );
    const error = await send(`${origin}/signup`, { method: 'POST', body: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('The request body is invalid.');
    expect(error.fieldError('password')).toBe(
      'Password needs at least 8 characters; Password needs at least one upper-case letter',
    );
    expect(error.fieldError('tags')).toBe('Tag cannot be empty');
    expect(error.fieldError('title')).toBeUndefined();
  });

  it('still gives an ApiError when the error body is not a problem', async () => {
    answers.push((_q, r) => r.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad</h1>'));
    const error = await send(`${origin}/x`, { serverRetries: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
  });

  it('backs off exponentially, within bounds, or as Retry-After says', () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const ceiling = Math.min(300 * 2 ** attempt, 8000);
      const delay = retryDelay(attempt, null);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
    expect(retryDelay(0, '2')).toBe(2000);
    expect(retryDelay(0, '3600')).toBe(8000);
  });
});
