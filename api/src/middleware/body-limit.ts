import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../api-error.ts';

/** The largest request body the API reads: a task with a full description fits with room to spare. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Rejects bodies over `MAX_BODY_BYTES` (declared or streamed) with a 413 problem. */
export function apiBodyLimit(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw ApiError.payloadTooLarge(MAX_BODY_BYTES);
    },
  });
}
