import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import worker from '../src/index.ts';

/** Origin the tests pretend the API is served from (requests never leave workerd). */
export const API_ORIGIN = 'http://api.test';

type Fetchable = {
  fetch: (request: Request, env: object, ctx: ExecutionContext) => Response | Promise<Response>;
};

/** Calls the worker exactly as a client would: through its `fetch` entry, with the test bindings. */
export function api(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, API_ORIGIN), init));
}

/**
 * A caller for `target` (the worker by default, or an app built in a test) running with the test
 * bindings plus `overrides`. The bindings object is created once, like one deployment's env, so the
 * worker's per-isolate caches behave as in production across calls.
 */
export function callerWith(overrides: Partial<Cloudflare.Env> = {}, target: Fetchable = worker) {
  const bindings = { ...env, ...overrides };
  return async (path: string, init?: RequestInit): Promise<Response> => {
    const ctx = createExecutionContext();
    const response = await target.fetch(
      new Request(new URL(path, API_ORIGIN), init),
      bindings,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return response;
  };
}

/** A JSON request init: `api(path, json('POST', body))`. */
export function json(method: string, body: unknown, headers: HeadersInit = {}): RequestInit {
  const merged = new Headers(headers);
  merged.set('Content-Type', 'application/json');
  return { method, headers: merged, body: JSON.stringify(body) };
}
