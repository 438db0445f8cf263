// One fidelity suite, run against each backend: the real @neondatabase/serverless client and
// drizzle-orm/neon-http talk to the local server exactly as the worker does.
import { neon, neonConfig } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-http';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { NeonLocal } from '../index.ts';
import { batchTests } from './batches.ts';
import { errorTests } from './errors.ts';
import { protocolTests } from './protocol.ts';
import { CREATE_ITEMS, items } from './schema.ts';
import { valueTests } from './values.ts';

export interface Target {
  server: NeonLocal;
  close(): Promise<void>;
}

function connect(server: NeonLocal) {
  const sql = neon(server.connectionString);
  return { server, sql, db: drizzle({ client: sql, schema: { items } }) };
}

export type Fidelity = ReturnType<typeof connect>;

/** Registers every fidelity test against the server `start` brings up. */
export function describeFidelity(backend: string, start: () => Promise<Target>) {
  describe(`local Neon server on ${backend}`, () => {
    let target: Target | undefined;
    const context = {} as Fidelity;
    beforeAll(async () => {
      target = await start();
      // The same wiring the worker uses when NEON_HTTP_ENDPOINT is set.
      neonConfig.fetchEndpoint = target.server.url;
      Object.assign(context, connect(target.server));
      await context.sql.query(CREATE_ITEMS);
    });
    afterAll(async () => {
      await target?.close();
    });
    beforeEach(async () => {
      await context.sql.query('TRUNCATE fidelity_items RESTART IDENTITY');
      target?.server.setLatency(0);
    });

    valueTests(context);
    batchTests(context);
    errorTests(context);
    protocolTests(context);
  });
}
