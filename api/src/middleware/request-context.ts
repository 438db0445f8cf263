import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { createDb } from '../db/client.ts';
import { getEnv } from '../env.ts';

/** Puts the validated env and a request-scoped, metered Drizzle client on the context. */
export function requestContext(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const env = getEnv(c.env);
    c.set('env', env);
    c.set('db', createDb(env, c.get('meter')));
    await next();
  };
}
