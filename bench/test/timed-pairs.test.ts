// The measured loop against a real HTTP server: which side goes first, what is counted, and that
// a failed answer is not a latency sample that looks like a success.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startLoadProcess, type LoadProcess } from '../src/load-process.ts';
import { runPairs, type TimedItem } from '../src/timed-pairs.ts';

let server: Server;
let origin: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.url ?? '');
    request.resume();
    request.on('end', () =>
      response.writeHead(request.url?.includes('fail') ? 500 : 200).end('{}'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const item = (i: number, api = `/api/${i}`): TimedItem => ({
  floor: [{ url: `${origin}/floor/${i}`, method: 'POST', body: '{}' }],
  api: [{ url: origin + api, method: 'GET' }],
});

test('request i of each side goes back to back, the first side alternating', async () => {
  seen.length = 0;
  const outcome = await runPairs({
    concurrency: 1,
    sides: ['floor', 'api'],
    items: [0, 1, 2].map((i) => item(i)),
  });
  expect(seen).toEqual(['/floor/0', '/api/0', '/api/1', '/floor/1', '/floor/2', '/api/2']);
  expect(outcome.sides.api!.latencies).toHaveLength(3);
  expect(outcome.sides.floor!.statuses).toEqual({ '200': 3 });
});

test('a side of several calls stops at the first failed one and reports its status', async () => {
  seen.length = 0;
  const calls = ['/own/fail', '/own/after'].map((path) => ({ url: origin + path, method: 'GET' }));
  const outcome = await runPairs({ concurrency: 1, sides: ['ownSql'], items: [{ ownSql: calls }] });
  expect(seen).toEqual(['/own/fail']);
  expect(outcome.sides.ownSql!.statuses).toEqual({ '500': 1 });
});

test('no answer is an error with no latency; the load process runs the same loop', async () => {
  const load: LoadProcess = await startLoadProcess();
  try {
    const refused = { url: 'http://127.0.0.1:9/nothing', method: 'GET' };
    const outcome = await load.run({
      concurrency: 2,
      sides: ['floor', 'api'],
      items: [item(0, '/api/fail'), { floor: [refused], api: [refused] }],
    });
    expect(outcome.sides.api!.statuses).toEqual({ '500': 1, error: 1 });
    expect(outcome.sides.floor!.statuses).toEqual({ '200': 1, error: 1 });
    expect(outcome.sides.floor!.latencies).toHaveLength(1);
  } finally {
    await load.stop();
  }
});
