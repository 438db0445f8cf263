import type { Context } from 'hono';
import type { ApiError } from './api-error.ts';

type ErrorLike = { name?: unknown; message?: unknown; code?: unknown };

/** The error and everything it wraps (`cause`, neon's `sourceError`), outermost first. */
export function errorChain(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = err;
  while (typeof current === 'object' && current !== null && chain.length < 8) {
    chain.push(current);
    const next = current as { cause?: unknown; sourceError?: unknown };
    current = next.sourceError ?? next.cause;
  }
  return chain;
}

// Drizzle puts the bound parameters (user data: emails, titles, tokens) in its error message.
const redactParams = (text: string) =>
  text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [redacted]');

/** Writes one JSON log line for a 5xx: the request, the error chain and (for bugs) the stack. */
export function logServerError(c: Context, err: unknown, error: ApiError) {
  const original = error.cause ?? err;
  // 503/504 are the database being away, not a bug: a warning without a stack is enough.
  const isBug = error.status < 503;
  const stack = isBug && original instanceof Error ? original.stack : undefined;
  console.error(
    JSON.stringify({
      level: isBug ? 'error' : 'warn',
      msg: error.title,
      status: error.status,
      request_id: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      // The whole chain, e.g. DrizzleQueryError → NeonDbError → TypeError: fetch failed.
      error: errorChain(original).map((e) =>
        redactParams(`${String(e.name)}: ${String(e.message)}`),
      ),
      stack: stack && redactParams(stack),
    }),
  );
}
