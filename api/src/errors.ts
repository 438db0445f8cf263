import type { OpenAPIHonoOptions } from '@hono/zod-openapi';
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { PROBLEM_CONTENT_TYPE, type FieldError, type Problem } from '@tasks/shared';
import { ZodError } from 'zod';
import type { AppEnv } from './app-env.ts';
import { classifyDbError } from './db/db-errors.ts';
import { logServerError } from './error-log.ts';
import { issuesToFieldErrors, targetLabel } from './field-errors.ts';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export type ApiErrorInit = {
  status: number;
  title?: string;
  detail?: string;
  type?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  cause?: unknown;
};

/** The one error type of the API: thrown anywhere, rendered by `onError` as RFC 9457 problem+json. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(init: ApiErrorInit) {
    const title = init.title ?? STATUS_TITLES[init.status] ?? 'Error';
    super(init.detail ?? title, { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.title = title;
    this.detail = init.detail;
    this.type = init.type ?? 'about:blank';
    this.errors = init.errors;
    this.headers = init.headers ?? {};
  }

  static badRequest(detail: string, errors?: FieldError[]) {
    return new ApiError({ status: 400, detail, errors });
  }
  static unauthorized(detail = 'A valid bearer token is required.') {
    const headers = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };
    return new ApiError({ status: 401, detail, headers });
  }
  static forbidden(detail?: string) {
    return new ApiError({ status: 403, detail });
  }
  static notFound(detail = 'The requested resource does not exist.') {
    return new ApiError({ status: 404, detail });
  }
  static methodNotAllowed(allow: readonly string[]) {
    const detail = `Allowed methods: ${allow.join(', ')}.`;
    return new ApiError({ status: 405, detail, headers: { Allow: allow.join(', ') } });
  }
  static conflict(detail: string, errors?: FieldError[]) {
    return new ApiError({ status: 409, detail, errors });
  }
  static preconditionFailed(detail = 'The resource has changed since you last read it.') {
    return new ApiError({ status: 412, detail });
  }
  static payloadTooLarge(maxBytes: number) {
    return new ApiError({ status: 413, detail: `The request body exceeds ${maxBytes} bytes.` });
  }
  static unsupportedMediaType(detail = 'Send the body as application/json.') {
    return new ApiError({ status: 415, detail });
  }
  static unprocessable(detail: string, errors?: FieldError[]) {
    return new ApiError({ status: 422, detail, errors });
  }
  static tooManyRequests(retryAfterSeconds: number) {
    const headers = { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) };
    return new ApiError({ status: 429, detail: 'Too many requests; retry later.', headers });
  }
  static serviceUnavailable(
    retryAfterSeconds: number,
    detail = 'Try again shortly.',
    cause?: unknown,
  ) {
    const headers = { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) };
    return new ApiError({ status: 503, detail, headers, cause });
  }
  static gatewayTimeout(detail = 'The database did not answer in time.', cause?: unknown) {
    return new ApiError({ status: 504, detail, headers: { 'Retry-After': '1' }, cause });
  }
}

/** Renders an ApiError as an `application/problem+json` response. */
export function problemResponse(error: ApiError): Response {
  const body: Problem = { type: error.type, title: error.title, status: error.status };
  if (error.detail !== undefined) body.detail = error.detail;
  if (error.errors?.length) body.errors = error.errors;
  const headers = new Headers(error.headers);
  headers.set('Content-Type', PROBLEM_CONTENT_TYPE);
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

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
    return ApiError.badRequest('Malformed JSON', [{ path: 'body', message: 'Malformed JSON' }]);
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
