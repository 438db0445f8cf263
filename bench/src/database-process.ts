// Parent side of database-child.ts: starts the local Neon server in its own Node process.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, QUIET_ENV } from '../../scripts/stack.ts';
import type { ChildMessage, ChildRequest } from './database-child.ts';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface DatabaseProcess {
  /** The SQL-over-HTTP endpoint the worker's `NEON_HTTP_ENDPOINT` points at. */
  url: string;
  connectionString: string;
  /** The worker's database variables (DATABASE_URL, NEON_HTTP_ENDPOINT). */
  vars: Record<string, string>;
  /** Sets the simulated network delay added to every round trip from now on. */
  setLatency(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** Forks the local Neon server on `port` (PGlite in memory, or `postgresUrl`), migrations applied. */
export async function startDatabaseProcess(options: {
  port: number;
  postgresUrl?: string;
  latencyMs?: number;
}): Promise<DatabaseProcess> {
  const child: ChildProcess = fork(
    join(ROOT, 'bench', 'src', 'database-child.ts'),
    [JSON.stringify({ ...options, latencyMs: options.latencyMs ?? 0 })],
    { execArgv: ['--import', 'tsx'], env: { ...process.env, ...QUIET_ENV }, stdio: 'inherit' },
  );
  const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the database process exited (${code})`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message);
      if (message.type === 'failed') reject(new Error(message.message));
    });
  });
  let nextId = 0;
  const ask = (request: WithoutId<ChildRequest>) =>
    new Promise<void>((resolve) => {
      const id = nextId++;
      const onMessage = (message: ChildMessage) => {
        if (message.type === 'done' && message.id === id) {
          child.off('message', onMessage);
          resolve();
        }
      };
      child.on('message', onMessage);
      child.send({ ...request, id } as ChildRequest);
    });
  return {
    url: ready.url,
    connectionString: ready.connectionString,
    vars: ready.vars,
    setLatency: (ms) => ask({ type: 'latency', ms }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ type: 'stop' });
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}
