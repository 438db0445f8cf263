// One fidelity suite, run against each backend: the real @neondatabase/serverless client and
// drizzle-orm/neon-http talk to the local server exactly as the worker does.
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { NeonLocal } from '../../dev/neon-local/index.ts';
import { batchTests } from './batches.ts';
import { connect, type Fidelity } from './context.ts';
import { errorTests } from './errors.ts';
import { protocolTests } from './protocol.ts';
import { CREATE_ITEMS } from './schema.ts';
import { valueTests } from './values.ts';

export interface Target {
  server: NeonLocal;
  close(): Promise<void>;
}

/** Starts the target once for the whole test file and stops it after the file's last test. */
export function useTarget(start: () => Promise<Target>): () => NeonLocal {
  let target: Target | undefined;
  beforeAll(async () => {
    target = await start();
  });
  afterAll(async () => {
    await target?.close();
  });
  return () => {
    if (!target) throw new Error('the target server has not started');
    return target.server;
  };
}

/** Registers every fidelity test against the server `server()` returns. */
export function describeFidelity(backend: string, server: () => NeonLocal) {
  describe(`local Neon server on ${backend}`, () => {
    const context = {} as Fidelity;
    beforeAll(async () => {
      Object.assign(context, connect(server()));
      await context.sql.query(CREATE_ITEMS);
    });
    beforeEach(async () => {
      await context.sql.query('TRUNCATE fidelity_items RESTART IDENTITY');
      server().setLatency(0);
    });

    valueTests(context);
    batchTests(context);
    errorTests(context);
    protocolTests(context);
  });
}
