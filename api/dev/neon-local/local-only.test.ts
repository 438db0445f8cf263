import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNeonLocal, type NeonLocal } from './index.ts';

let server: NeonLocal;
beforeAll(async () => {
  server = await startNeonLocal({ backend: 'pglite', dataDir: 'memory', quiet: true });
});
afterAll(() => server.close());

type Answer = { status: number; headers: Record<string, unknown>; body: string };

/** A raw HTTP POST of `select 1`, with whatever `Host`/`Origin` a browser or a rebound name sends. */
function postSql(headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/sql',
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Neon-Connection-String': server.connectionString,
          ...headers,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query: 'select 1 as one', params: [] }));
  });
}

describe('the local Neon server answers only local programs', () => {
  it.each(['127.0.0.1', 'localhost', '[::1]'])(
    'runs SQL when Host names the loopback address %s',
    async (host) => {
      const answer = await postSql({ Host: `${host}:${server.port}` });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).rows).toEqual([{ one: 1 }]);
    },
  );

  it.each(['attacker.example', 'attacker.example:4444', '127.0.0.1.nip.io', '10.0.0.5'])(
    'refuses a request whose Host is %s (a DNS-rebound name)',
    async (host) => {
      const answer = await postSql({ Host: host });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body).message).toMatch(/loopback/);
    },
  );

  it('refuses a browser request from any origin, even a simple one without preflight', async () => {
    const answer = await postSql({
      Host: `127.0.0.1:${server.port}`,
      Origin: 'http://localhost:5173',
      'Content-Type': 'text/plain',
    });
    expect(answer.status).toBe(403);
  });

  it('never sends Access-Control-Allow-Origin', async () => {
    const served = await postSql({ Host: `127.0.0.1:${server.port}` });
    const refused = await postSql({ Host: 'attacker.example', Origin: 'https://attacker.example' });
    expect(served.headers).not.toHaveProperty('access-control-allow-origin');
    expect(refused.headers).not.toHaveProperty('access-control-allow-origin');
  });
});
