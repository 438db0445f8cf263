import type { OpenAPIHonoOptions } from '@hono/zod-openapi';
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { ApiError, problemResponse } from './api-error.ts';
import type { AppEnv } from './app-env.ts';
import { classifyDbError } from './db/db-errors.ts';
import { logServerError } from './error-log.ts';
import { issuesToFieldErrors, targetLabel } from './field-errors.ts';

/** Maps anything thrown to the one error type; unknown errors become a bare 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) return fromHttpException(err);
  if (err instanceof ZodError) {
    return ApiError.badRequest('The request is invalid.', issuesToFieldErrors(err.issues, 'body'));
  }
  return (
    classifyDbError(err) ??
    new ApiError({ status: 500, detail: 'An unexpected error occurred.', cause: err })
  );
}

function fromHttpException(err: HTTPException): ApiError {
  // Hono's JSON validator throws this exact message for an unparseable body.
  if (err.status === 400 && /malformed json/i.test(err.message)) {
    return ApiError.malformedJson();
  }
  if (err.status === 415) return ApiError.unsupportedMediaType();
  const headers: Record<string, string> = {};
  err.res?.headers.forEach((value, name) => {
    if (name !== 'content-type' && name !== 'content-length') headers[name] = value;
  });
  // A library's message for its own 5xx may describe internals: keep it for the log only.
  const detail = err.status >= 500 ? 'An unexpected error occurred.' : err.message || undefined;
  return new ApiError({ status: err.status, detail, headers, cause: err });
}

const TARGET_NAMES: Record<string, string> = {
  body: 'request body',
  query: 'query string',
  path: 'URL path',
  header: 'request headers',
};

/**
 * The `defaultHook` of every OpenAPIHono router: a failed zod validation becomes a 400 problem
 * whose `errors[]` name each offending field.
 */
export const defaultHook: NonNullable<OpenAPIHonoOptions<AppEnv>['defaultHook']> = (result) => {
  if (result.success) return;
  const label = targetLabel(result.target);
  const detail = `The ${TARGET_NAMES[label] ?? label} is invalid.`;
  throw ApiError.badRequest(detail, issuesToFieldErrors(result.error.issues, label));
};

/** The app's one `onError`: logs server-side failures with the request id and renders a problem. */
export const onError: ErrorHandler = (err, c: Context) => {
  const error = toApiError(err);
  if (error.status >= 500) logServerError(c, err, error);
  return problemResponse(error);
};
