import { isAPIError } from 'better-auth/api';
import type { FieldError } from '@tasks/shared';
import { classifyDbError } from '../db/db-errors.ts';
import { ApiError } from '../api-error.ts';
import { WEAK_PASSWORD } from './auth-hooks.ts';

/** The one answer to a failed login, whether the email is unknown or the password wrong. */
export const INVALID_CREDENTIALS = 'Invalid email or password.';

/** The answer to a sign-up for an email that already has an account. */
export const EMAIL_TAKEN = 'That email is already registered.';

type BetterAuthErrorBody = { code?: unknown; message?: unknown; field?: unknown };

/** Awaits a Better Auth server-API call, turning its APIError into the API's one error type. */
export async function callAuth<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!isAPIError(error)) throw error;
    throw toApiError(error.statusCode, error.body as BetterAuthErrorBody | undefined, error);
  }
}

/** Throws the problem a Better Auth HTTP error response stands for; passes successes through. */
export async function problemUnlessOk(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  // Better Auth's limiter names it X-Retry-After; HTTP says Retry-After.
  const retryAfter = Number(response.headers.get('x-retry-after'));
  if (response.status === 429) throw ApiError.tooManyRequests(retryAfter || 1);
  const body = (await response.json().catch(() => undefined)) as BetterAuthErrorBody | undefined;
  throw toApiError(response.status, body, undefined);
}

function toApiError(status: number, body: BetterAuthErrorBody | undefined, cause: unknown) {
  const code = typeof body?.code === 'string' ? body.code : undefined;
  const message = typeof body?.message === 'string' ? body.message : undefined;
  switch (code) {
    case 'INVALID_EMAIL_OR_PASSWORD':
      return ApiError.unauthorized(INVALID_CREDENTIALS);
    // FAILED_TO_CREATE_USER: the loser of two concurrent sign-ups for one email hits the index.
    case 'USER_ALREADY_EXISTS':
    case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
    case 'FAILED_TO_CREATE_USER':
      return ApiError.badRequest(EMAIL_TAKEN, [{ path: 'email', message: EMAIL_TAKEN }]);
    case WEAK_PASSWORD:
      return ApiError.badRequest('The password is too weak.', fieldErrors(body, message));
  }
  // better-call's answer to a body that is not JSON: the same problem as our own routes give.
  if (status === 400 && message === 'Invalid JSON in request body') return ApiError.malformedJson();
  if (status >= 500) {
    return (
      classifyDbError(cause) ??
      new ApiError({ status: 500, detail: 'Authentication failed.', cause })
    );
  }
  return new ApiError({ status, detail: message, cause });
}

function fieldErrors(body: BetterAuthErrorBody | undefined, message = 'invalid'): FieldError[] {
  return [{ path: typeof body?.field === 'string' ? body.field : 'body', message }];
}
