// "Another device sees a change" (issue 14): two clients of one account on loopback. Device A
// creates a task; device B holds the live socket (a ticket, then the WebSocket upgrade), and on
// each poke pulls `GET /changes` until the task is there. Measured from A sending the create to
// B holding the task; at the current database delay, one write at a time.
import { apiPaths, ChangePageSchema } from '@tasks/shared';
import { fetch as upgradeFetch } from 'miniflare';
import { percentile } from './load.ts';
import { logIn, type Account } from './seed.ts';

export interface DeviceLatency {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

const round = (value: number) => Math.round(value * 10) / 10;
/** A sample that takes longer than this has lost its poke: the bench fails rather than waits. */
const GIVE_UP_MS = 10_000;

async function call(origin: string, token: string, path: string, init: RequestInit = {}) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const res = await fetch(origin + path, { ...init, headers });
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<unknown>;
}

/** Device B: a live socket and a feed cursor; `seen(id)` resolves once the feed has the task. */
async function follower(origin: string, token: string) {
  const { ticket } = (await call(origin, token, apiPaths.liveTicket, { method: 'POST' })) as {
    ticket: string;
  };
  const res = await upgradeFetch(`${origin}${apiPaths.live}?ticket=${ticket}`, {
    headers: { upgrade: 'websocket' },
  });
  const socket = res.webSocket;
  if (!socket) throw new Error(`live socket refused: ${res.status}`);
  socket.accept();
  let cursor = ChangePageSchema.parse(await call(origin, token, apiPaths.changes)).cursor;
  const known = new Set<string>();
  let waiting: { id: string; done: () => void } | undefined;
  const pull = async () => {
    for (;;) {
      const page = ChangePageSchema.parse(
        await call(origin, token, `${apiPaths.changes}?cursor=${cursor}`),
      );
      for (const change of page.changes) known.add(change.id);
      cursor = page.cursor;
      if (!page.has_more) break;
    }
    if (waiting && known.has(waiting.id)) waiting.done();
  };
  socket.addEventListener('message', () => void pull());
  return {
    seen: (id: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`device B never saw ${id}`)), GIVE_UP_MS);
        waiting = { id, done: () => (clearTimeout(timer), resolve()) };
        if (known.has(id)) waiting.done();
      }),
    close: () => socket.close(1000, 'bench done'),
  };
}

/** `samples` creates on device A, each timed until device B's feed holds it. */
export async function measureDeviceLatency(
  origin: string,
  account: Account,
  samples: number,
): Promise<DeviceLatency> {
  const deviceB = await follower(origin, await logIn(origin, account.email));
  const latencies: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      const body = JSON.stringify({ title: `seen elsewhere ${i}` });
      const task = (await call(origin, account.token, apiPaths.tasks, {
        method: 'POST',
        body,
      })) as {
        id: string;
      };
      await deviceB.seen(task.id);
      latencies.push(performance.now() - started);
    }
  } finally {
    deviceB.close();
  }
  const sorted = latencies.sort((a, b) => a - b);
  return {
    samples,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1)!),
  };
}
