// The one error type (a leaf: it imports nothing of ours but shared). What maps thrown things to it
// and renders responses sits above, in error-handler.ts.
import { PROBLEM_CONTENT_TYPE, type FieldError, type Problem } from '@tasks/shared';

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
  /** A non-empty body that does not parse as JSON (an empty one is no body: middleware/empty-body). */
  static malformedJson() {
    return ApiError.badRequest('Malformed JSON', [{ path: 'body', message: 'Malformed JSON' }]);
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
