import { LoginFormSchema, type LoginRequestSchema } from '@tasks/shared';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ApiError } from '../../api-error.ts';
import type { AppEnv } from '../../app-env.ts';
import { issuesToFieldErrors } from '../../field-errors.ts';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const FORM_MEDIA_TYPES = new Set([FORM_CONTENT_TYPE, 'multipart/form-data']);

/**
 * The form as the OpenAPI document shows it. A plain schema object, not the zod schema: zod-openapi
 * would otherwise also run its form validator on JSON requests (and fail them on `{}`). Typed as
 * the JSON body's schema because zod-openapi types `c.req.valid('json')` from every media type of
 * a body; after `loginForm` the JSON body is indeed what the handler reads.
 */
const { $schema: _dialect, ...formJsonSchema } = z.toJSONSchema(LoginFormSchema, { io: 'input' });
export const loginFormContent = { schema: formJsonSchema as unknown as typeof LoginRequestSchema };

/**
 * Turns a sign-in form into the JSON body the login route validates, so the JSON validator, the
 * handler and every answer are the same for both encodings. The form is checked first against
 * its own schema, so a 400 names the field the client sent (`username`, `grant_type`).
 */
export const loginForm: MiddlewareHandler<AppEnv> = async (c, next) => {
  const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (!mediaType || !FORM_MEDIA_TYPES.has(mediaType)) return next();
  const result = LoginFormSchema.safeParse(await c.req.parseBody({ all: true }));
  if (!result.success) {
    throw ApiError.badRequest(
      'The request body is invalid.',
      issuesToFieldErrors(result.error.issues, 'body'),
    );
  }
  const headers = new Headers(c.req.raw.headers);
  headers.set('Content-Type', 'application/json');
  headers.delete('Content-Length');
  const body = JSON.stringify(result.data);
  c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body });
  c.req.bodyCache = {}; // the form bytes read above must not be parsed as the JSON body
  await next();
};
