// Child-process entry: runs the local Neon HTTP server (PostgreSQL, or PGlite in memory when no
// server is given) away from the load generator's event loop; takes its added latency over IPC.
import { startDatabase } from '../../scripts/stack.ts';

export type ChildRequest =
  { id: number; type: 'latency'; ms: number } | { id: number; type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; url: string; connectionString: string; vars: Record<string, string> }
  | { type: 'done'; id: number }
  | { type: 'failed'; message: string };

const send = (message: ChildMessage) => process.send?.(message);
const { port, postgresUrl, latencyMs } = JSON.parse(process.argv[2] ?? '{}') as {
  port: number;
  postgresUrl?: string;
  latencyMs: number;
};

try {
  const database = await startDatabase({
    port,
    postgresUrl,
    dataDir: 'memory',
    latencyMs,
    quiet: true,
  });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= database.stop());
  // An orphan must not keep its port: the parent going away stops the server too.
  process.on('disconnect', () => void stop().then(() => process.exit(0)));
  process.on('message', (request: ChildRequest) => {
    if (request.type === 'latency') {
      database.server.setLatency(request.ms);
      send({ type: 'done', id: request.id });
    } else
      void stop().then(() =>
        process.send?.({ type: 'done', id: request.id }, () => process.exit(0)),
      );
  });
  send({
    type: 'ready',
    url: database.server.url,
    connectionString: database.server.connectionString,
    vars: database.vars,
  });
} catch (error) {
  send({
    type: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
}
