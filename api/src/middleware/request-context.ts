import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { createDb, type Defer } from '../db/client.ts';
import { getEnv } from '../env.ts';

/** Puts the validated env and a request-scoped, metered Drizzle client on the context. */
export function requestContext(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const env = getEnv(c.env);
    c.set('env', env);
    c.set('db', createDb(env, c.get('meter'), deferOf(c)));
    await next();
  };
}

/** `waitUntil` of the request; Hono's `app.request` has no execution context: work just runs. */
function deferOf(c: Context<AppEnv>): Defer {
  return (work) => {
    try {
      c.executionCtx.waitUntil(work);
    } catch {
      // No execution context: the promise runs on by itself.
    }
  };
}
