import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../app-env.ts';
import { bearerToken, verifyAccessToken } from './access-token.ts';
import type { Background } from './auth-state.ts';

export type RequireUserOptions = {
  /**
   * Paths answered without a token: exact paths, or prefixes written `/prefix/*`. Everything
   * else the middleware sees needs a valid access token.
   */
  publicPaths: readonly string[];
};

/**
 * JWT middleware for a whole router: verifies `Authorization: Bearer <jwt>` with the signing keys
 * cached in the isolate (no database round trip once warm) and sets `userId`, or answers 401.
 * Mounted on the `/api/v1` tree so that a new route is protected unless made public on purpose.
 */
export function requireUser(options: RequireUserOptions): MiddlewareHandler<AppEnv> {
  const isPublic = compilePublicPaths(options.publicPaths);
  return async function requireUser(c, next) {
    // An unknown path falls through to the 404 problem: the OpenAPI document lists every route
    // anyway, and a 401 there would hide a typo behind an auth error.
    if (isPublic(c.req.path) || !hasHandler(c)) return next();
    const claims = await verifyAccessToken(
      bearerToken(c.req.header('Authorization')),
      c.var.env,
      c.var.db,
      background(c),
    );
    c.set('userId', claims.userId);
    c.set('sessionId', claims.sessionId);
    await next();
  };
}

/** `waitUntil` of the request, where the runtime has one (Hono's `app.request` has none). */
function background(c: Context): Background | undefined {
  try {
    const ctx = c.executionCtx;
    return (work) => ctx.waitUntil(work);
  } catch {
    return undefined;
  }
}

/** True when a route handler (not only `use` middleware, registered as ALL) matches the request. */
function hasHandler(c: Context): boolean {
  return matchedRoutes(c).some((route) => route.method !== 'ALL');
}

/** Validates the allowlist once, at setup, and returns a matcher for request paths. */
function compilePublicPaths(paths: readonly string[]): (path: string) => boolean {
  if (!Array.isArray(paths)) throw new TypeError('requireUser: publicPaths must be an array');
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const path of paths) {
    if (typeof path !== 'string' || !/^\/[\w\-./]*(\/\*)?$/.test(path) || path.includes('..')) {
      throw new TypeError(`requireUser: invalid public path ${JSON.stringify(path)}`);
    }
    if (path.endsWith('/*')) prefixes.push(path.slice(0, -1));
    else exact.add(path);
  }
  return (path) => exact.has(path) || prefixes.some((prefix) => path.startsWith(prefix));
}
