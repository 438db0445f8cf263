import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../app-env.ts';
import { getEnv } from '../env.ts';

/** Response headers a browser script on an allowed origin may read. */
const EXPOSED_HEADERS = [
  'X-Request-Id',
  'Server-Timing',
  'Retry-After',
  'ETag',
  'Location',
  'Link', // the next page of GET /tasks
  'Idempotent-Replayed',
  'X-Change-Cursor', // the feed position a write produced (decision 0024)
];

/**
 * CORS for the exact origins in `CORS_ORIGINS`, with credentials. An unlisted origin gets no
 * `Access-Control-Allow-Origin`, so the browser withholds the response from it.
 */
export function corsFromEnv(): MiddlewareHandler<AppEnv> {
  return cors({
    origin: (origin, c) => (getEnv(c.env).CORS_ORIGINS.includes(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
