import { encodeChangeCursor } from '@tasks/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';

/** Who must hear of a write (every member of the lists it touched) and its transaction. */
export type Audience = { users: string[]; xid: string };

/** The answer header naming the feed position of the write's own statement(s). */
export const CHANGE_CURSOR_HEADER = 'X-Change-Cursor';

/**
 * Resolves on a later turn of the event loop, once the handler has returned its answer. Measured
 * (`npm run bench:cpu` A/B, PGlite, c=1): Durable Object calls made while the handler still runs
 * delay its answer by 0.4–0.6 ms p50 on toggle, update and bulk; made from here, not at all.
 */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Pokes every user of `audience` through their Durable Object after the answer has gone out
 * (`waitUntil`): no latency, no database round trip. The cursor sent is the position just past
 * the write's transaction: a client whose feed cursor is there has seen it. A write still
 * answering also carries that cursor in `X-Change-Cursor` (one per transaction, comma-joined),
 * so the writer's tab knows the poke of its own write needs no pull (decision 0024).
 */
export function pokeAudience(c: Context<AppEnv>, audience: Audience | undefined): void {
  if (!audience || audience.users.length === 0) return;
  const cursor = encodeChangeCursor({
    xid: (BigInt(audience.xid) + 1n).toString(),
    seq: '0',
    issuedAt: Math.floor(Date.now() / 1000),
  });
  // After the answer (a refill's poke) there is no answer left to carry it.
  if (!c.finalized) c.header(CHANGE_CURSOR_HEADER, cursor, { append: true });
  const live = c.var.env.LIVE;
  if (!live) return;
  const pokes = nextTurn()
    .then(() =>
      Promise.allSettled(
        audience.users.map((user) => live.get(live.idFromName(user)).poke(cursor)),
      ),
    )
    .then((results) => {
      const failed = results.filter((result) => result.status === 'rejected').length;
      if (failed > 0) console.error(JSON.stringify({ level: 'warn', msg: 'pokes failed', failed }));
    });
  try {
    c.executionCtx.waitUntil(pokes);
  } catch {
    // Hono's app.request (some tests) has no execution context: the pokes just run.
  }
}
