// The local stand-in for Neon's SQL-over-HTTP endpoint: the worker, the migrator and the tests
// point neonConfig.fetchEndpoint at `url` and use `connectionString` as their DATABASE_URL.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SqlBackend } from './backend.ts';
import { createSqlHandler } from './handler.ts';
import { createPgliteBackend } from './pglite-backend.ts';
import { LOCAL_DATA_DIR } from './pglite-template.ts';
import { createPostgresBackend } from './postgres-backend.ts';

/** Where PGlite keeps its data unless told otherwise (git-ignored). */
export const DEFAULT_PGLITE_DIR = join(LOCAL_DATA_DIR, 'pglite');

export interface NeonLocalOptions {
  /** 'postgres' needs `postgresUrl`; the default is embedded PGlite. */
  backend?: 'pglite' | 'postgres';
  postgresUrl?: string;
  /** PGlite data directory, or 'memory' for a database that ends with the server. */
  dataDir?: string | 'memory';
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Simulated network delay added to every request; defaults to NEON_LOCAL_LATENCY_MS or 0. */
  latencyMs?: number;
  /** No per-query log lines. */
  quiet?: boolean;
}

export interface NeonLocal {
  /** http://HOST:PORT/sql — the value for neonConfig.fetchEndpoint / NEON_HTTP_ENDPOINT. */
  url: string;
  port: number;
  /** A postgres:// URL naming this server, for neon() / DATABASE_URL. */
  connectionString: string;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

/** Starts the server once its backend is ready to answer queries. */
export async function startNeonLocal(options: NeonLocalOptions = {}): Promise<NeonLocal> {
  const log = options.quiet ? () => undefined : (line: string) => console.log(line);
  let latencyMs = options.latencyMs ?? Number(process.env.NEON_LOCAL_LATENCY_MS ?? 0);
  // The port is taken before the backend opens, so a second server started on the same port
  // fails before it can open (and damage) a PGlite directory the first one is using.
  let handler: RequestListener = (_request, response) => response.writeHead(503).end();
  const server = createServer((request, response) => void handler(request, response));
  // Outlive the clients' idle keep-alive (undici: 4 s) so a client never reuses a socket that
  // this server is closing at the same moment.
  server.keepAliveTimeout = 60_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  let backend: SqlBackend;
  try {
    backend = await openBackend(options, log);
  } catch (error) {
    server.close();
    throw error;
  }
  const sqlHandler = createSqlHandler({ backend, latencyMs: () => latencyMs, log });
  handler = (request, response) => void sqlHandler(request, response);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/sql`,
    port,
    connectionString: `postgresql://neon:local@${host}:${port}/neondb`,
    setLatency(ms) {
      latencyMs = ms;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A client still holding a request open must not keep the process alive for long.
      const force = setTimeout(() => server.closeAllConnections(), 2_000);
      await closed;
      clearTimeout(force);
      await backend.close();
    },
  };
}

async function openBackend(
  options: NeonLocalOptions,
  log: (line: string) => void,
): Promise<SqlBackend> {
  if (options.backend === 'postgres') {
    if (!options.postgresUrl) throw new Error('the postgres backend needs postgresUrl');
    return createPostgresBackend(options.postgresUrl, (error) =>
      log(`neon-local pool dropped a connection: ${error.message}`),
    );
  }
  return createPgliteBackend(options.dataDir ?? DEFAULT_PGLITE_DIR);
}
