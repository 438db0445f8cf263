import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultMode = 'up' | 'down' | 'stall' | 'error';
const MODES: readonly string[] = ['up', 'down', 'stall', 'error'] satisfies FaultMode[];

async function forward(req: IncomingMessage, res: ServerResponse, target: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && name !== 'host' && name !== 'content-length') {
      headers.set(name, value);
    }
  }
  const upstream = await fetch(target, {
    method: req.method ?? 'POST',
    headers,
    body: Buffer.concat(chunks),
  });
  res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
  res.end(Buffer.from(await upstream.arrayBuffer()));
}

/**
 * A breakable network between the worker and the database, run in Node by the global setup.
 * `POST <controlUrl>/mode/<mode>` switches what `endpoint` does: `up` forwards to `target`,
 * `down` stops listening (connection refused, as when the database host is gone), `stall` accepts
 * and never answers, `error` answers 502 like a failing gateway. `POST <controlUrl>/cut/<n>` lets
 * n more requests through and then switches to `error`: a failure between two statements.
 * When a connection is refused, workerd itself logs "Uncaught (in promise) … Network connection
 * lost" for the request body it could not send; the worker's own fetch rejection is handled.
 */
/** Listens on `port` of 127.0.0.1 (0: one the system picks) and returns the port. */
function listenOn(server: Server, port: number) {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startFaultProxy(target: string) {
  let mode: FaultMode = 'up';
  // `POST /cut/<n>`: forward the next n requests, then fail every one after (mode `error`).
  let passesBeforeCut = Number.POSITIVE_INFINITY;
  const data = createServer((req, res) => {
    if (mode === 'up' && passesBeforeCut-- <= 0) mode = 'error';
    if (mode === 'error') res.writeHead(502, { 'Content-Type': 'text/plain' }).end('bad gateway');
    if (mode === 'up') forward(req, res, target).catch(() => req.socket.destroy());
  });
  // A port the system picks, bound at once: a free port of a fixed range, probed and then bound,
  // could be taken in between by another suite on the machine, which all probe the same ports.
  const dataPort = await listenOn(data, 0);
  const listen = () => listenOn(data, dataPort).then(() => undefined);
  const stop = () =>
    new Promise<void>((resolve) => {
      data.closeAllConnections();
      if (data.listening) data.close(() => resolve());
      else resolve();
    });

  const control = createServer((req, res) => {
    const cut = /^\/cut\/(\d+)$/.exec(req.url ?? '')?.[1];
    if (req.method === 'POST' && cut !== undefined) {
      passesBeforeCut = Number(cut);
      return res.writeHead(204).end();
    }
    const next = /^\/mode\/(\w+)$/.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || !next || !MODES.includes(next)) return res.writeHead(404).end();
    const switched = next === 'down' ? stop() : data.listening ? Promise.resolve() : listen();
    void switched.then(() => {
      mode = next as FaultMode;
      passesBeforeCut = Number.POSITIVE_INFINITY;
      res.writeHead(204).end();
    });
  });
  const controlPort = await listenOn(control, 0);
  return {
    endpoint: `http://127.0.0.1:${dataPort}/sql`,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    close: async () => {
      await stop();
      control.closeAllConnections();
      await new Promise((resolve) => control.close(resolve));
    },
  };
}
