import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { createMeter } from '../db/meter.ts';

/** `db;dur=<ms>;desc="<round trips>", total;dur=<ms>`: what the client sees of our timing. */
function serverTiming(dbMs: number, roundTrips: number, totalMs: number): string {
  return `db;dur=${dbMs};desc="${roundTrips}", total;dur=${totalMs}`;
}

/**
 * Starts the request's DB meter, then, once the response exists (error and 404 responses included),
 * adds `Server-Timing` and writes one structured JSON log line.
 */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const startedAt = Date.now();
    const meter = createMeter();
    c.set('meter', meter);
    await next();
    const totalMs = Date.now() - startedAt;
    const timing = serverTiming(meter.durationMs, meter.roundTrips, totalMs);
    try {
      c.res.headers.set('Server-Timing', timing);
    } catch {
      // A response passed through from fetch() has immutable headers: copy it first.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set('Server-Timing', timing);
    }
    console.log(
      JSON.stringify({
        level: 'info',
        msg: 'request',
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        duration_ms: totalMs,
        db_round_trips: meter.roundTrips,
        db_ms: meter.durationMs,
        request_id: c.get('requestId'),
      }),
    );
  };
}
