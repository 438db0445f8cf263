// The loopback stand-in push service (issue 13): plays a browser's push service for `npm run
// dev`, the worker suite and the bench, which cannot reach the real ones. It hands out
// subscriptions (an endpoint on itself and a device's keys), checks each push's VAPID token
// against the key the subscription was made for, decrypts the RFC 8291 body with the device's
// private key and records what arrived. Loopback only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDeviceKeys, decryptPush, type DeviceKeys } from './decrypt.ts';
import { vapidProblem } from './vapid-verify.ts';

/** One push as it arrived, decrypted. */
export type ReceivedPush = {
  subscription: string;
  payload: unknown;
  topic: string | null;
  ttl: number | null;
  urgency: string | null;
  received_at: string;
};

type Device = { keys: DeviceKeys; serverKey: string; failWith: number[] };

export interface PushStandin {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, body?: unknown) {
  if (body === undefined) return void response.writeHead(status).end();
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** Starts the stand-in on 127.0.0.1 (`port` 0: any free port). */
export async function startPushStandin(options: { port?: number } = {}): Promise<PushStandin> {
  const devices = new Map<string, Device>();
  const received: ReceivedPush[] = [];
  let origin = '';

  async function subscribe(request: IncomingMessage, response: ServerResponse) {
    const { application_server_key: serverKey } = JSON.parse(String(await readBody(request)));
    if (typeof serverKey !== 'string')
      return send(response, 400, { error: 'application_server_key' });
    const id = crypto.randomUUID();
    const keys = await createDeviceKeys();
    devices.set(id, { keys, serverKey, failWith: [] });
    send(response, 201, {
      endpoint: `${origin}/push/${id}`,
      expirationTime: null,
      keys: { p256dh: b64url(keys.publicKey), auth: b64url(keys.authSecret) },
    });
  }

  async function push(id: string, request: IncomingMessage, response: ServerResponse) {
    const device = devices.get(id);
    const body = new Uint8Array(await readBody(request));
    if (!device) return send(response, 410);
    const forced = device.failWith.shift();
    if (forced) return send(response, forced);
    const problem = await vapidProblem(header(request, 'authorization'), origin, device.serverKey);
    if (problem) return send(response, 403, { error: problem });
    if (header(request, 'content-encoding') !== 'aes128gcm') {
      return send(response, 415, { error: 'Content-Encoding must be aes128gcm' });
    }
    let text: string;
    try {
      text = await decryptPush(body, device.keys);
    } catch (error) {
      return send(response, 400, { error: (error as Error).message });
    }
    const ttl = header(request, 'ttl');
    received.push({
      subscription: id,
      payload: JSON.parse(text),
      topic: header(request, 'topic') ?? null,
      ttl: ttl === undefined ? null : Number(ttl),
      urgency: header(request, 'urgency') ?? null,
      received_at: new Date().toISOString(),
    });
    send(response, 201);
  }

  async function route(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin);
    const [, first, id, action] = url.pathname.split('/');
    if (request.method === 'POST' && url.pathname === '/subscriptions') {
      return subscribe(request, response);
    }
    if (request.method === 'POST' && first === 'push' && id) return push(id, request, response);
    if (first === 'subscriptions' && id && devices.has(id)) {
      if (request.method === 'DELETE') {
        devices.delete(id);
        return send(response, 204);
      }
      if (request.method === 'POST' && action === 'fail') {
        devices.get(id)!.failWith.push(...JSON.parse(String(await readBody(request))).statuses);
        return send(response, 204);
      }
    }
    if (request.method === 'GET' && url.pathname === '/messages') {
      const of = url.searchParams.get('subscription');
      return send(response, 200, {
        messages: received.filter((m) => !of || m.subscription === of),
      });
    }
    send(response, 404, { error: 'no such endpoint' });
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: Error) => send(response, 500, { error: error.message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
