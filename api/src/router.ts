import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';
import { defaultHook } from './error-handler.ts';

/**
 * A feature router: validation failures become 400 problems (or what `hook` makes of them), routes
 * land in the OpenAPI document.
 */
export function createRouter(hook: typeof defaultHook = defaultHook) {
  return new OpenAPIHono<AppEnv>({ defaultHook: hook });
}
