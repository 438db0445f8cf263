import type { MiddlewareHandler } from 'hono';

/**
 * An empty body is no body, whatever `Content-Type` says. The seed's clients put
 * `Content-Type: application/json` on every request, bodyless ones too (`PUT …/complete`,
 * `POST /auth/logout`); every JSON reader downstream (zod-openapi's validators, Better Auth's)
 * would parse "" and answer 400 Malformed JSON. Such a request continues without the header, as
 * the bodyless request it is; a non-empty body is left alone, malformed or not.
 */
export function emptyBodyIsNoBody(): MiddlewareHandler {
  return async function emptyBodyIsNoBody(c, next) {
    const request = c.req.raw;
    if (request.headers.has('Content-Type') && (await isEmpty(request))) {
      const headers = new Headers(request.headers);
      headers.delete('Content-Type');
      headers.delete('Content-Length');
      c.req.raw = new Request(request.url, {
        method: request.method,
        headers,
        redirect: request.redirect,
        signal: request.signal,
        cf: request.cf,
      });
    }
    await next();
  };
}

/** Decides from `Content-Length` when it is sent; otherwise peeks at a clone's first bytes. */
async function isEmpty(request: Request): Promise<boolean> {
  const length = request.headers.get('Content-Length');
  if (length !== null) return length.trim() === '0';
  if (request.body === null) return true;
  const reader = request.clone().body?.getReader();
  if (!reader) return true;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      if (value.byteLength > 0) return false;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
