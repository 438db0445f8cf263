// What every part of the fidelity suite talks through: the worker's own client (db/client.ts), so
// each query and batch takes the metered fetch the worker's requests take, to this server.
import { drizzle } from 'drizzle-orm/neon-http';
import { createSql } from '../../src/db/client.ts';
import { createMeter } from '../../src/db/meter.ts';
import type { NeonLocal } from '../../dev/neon-local/index.ts';
import { items } from './schema.ts';

export function connect(server: NeonLocal) {
  const meter = createMeter();
  const sql = createSql(
    // Generous: the 10 MiB and concurrency cases take seconds on a busy machine.
    {
      DATABASE_URL: server.connectionString,
      NEON_HTTP_ENDPOINT: server.url,
      DB_TIMEOUT_MS: 30_000,
    },
    meter,
  );
  return { server, sql, meter, db: drizzle({ client: sql, schema: { items } }) };
}

export type Fidelity = ReturnType<typeof connect>;
