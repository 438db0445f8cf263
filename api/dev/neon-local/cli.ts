// `tsx api/dev/neon-local/cli.ts [--port 4444] [--pg postgres://…] [--data DIR|memory] [--quiet]`
// Env: NEON_LOCAL_PORT, NEON_LOCAL_PG_URL, NEON_LOCAL_LATENCY_MS. Prints one ready line, then
// serves until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { DEFAULT_PGLITE_DIR, startNeonLocal } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.NEON_LOCAL_PORT ?? '4444' },
    pg: { type: 'string', default: process.env.NEON_LOCAL_PG_URL },
    data: { type: 'string', default: DEFAULT_PGLITE_DIR },
    host: { type: 'string', default: '127.0.0.1' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`invalid port: ${values.port}`);
  process.exit(2);
}

const server = await startNeonLocal({
  backend: values.pg ? 'postgres' : 'pglite',
  postgresUrl: values.pg,
  dataDir: values.data,
  port,
  host: values.host,
  quiet: values.quiet,
});
const backend = values.pg ? `postgres ${new URL(values.pg).host}` : `pglite ${values.data}`;
console.log(
  `neon-local ready on ${server.url} (${backend}) DATABASE_URL=${server.connectionString}`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
