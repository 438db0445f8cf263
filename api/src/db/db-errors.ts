import { REMINDER_NEEDS_DUE, REMINDER_NEEDS_DUE_CONSTRAINT } from '@tasks/shared';
import { errorChain } from '../error-log.ts';
import { ApiError } from '../api-error.ts';

/** SQLSTATEs a client can provoke with a valid-looking request, mapped to what they mean to it. */
const CLIENT_SQLSTATES: Record<string, (cause: unknown) => ApiError> = {
  '23505': (cause) => new ApiError({ status: 409, detail: 'That value is already taken.', cause }),
  '23503': (cause) => new ApiError({ status: 409, detail: 'A referenced record is gone.', cause }),
  '23502': (cause) => new ApiError({ status: 422, detail: 'A required value is missing.', cause }),
  '23514': (cause) => new ApiError({ status: 422, detail: 'A value breaks a rule.', cause }),
  // exclusion_violation: two concurrent transfers of one list (one owner, checked at commit).
  '23P01': (cause) =>
    new ApiError({ status: 409, detail: 'A concurrent change conflicts; read and retry.', cause }),
  '22001': (cause) => new ApiError({ status: 400, detail: 'A value is too long.', cause }),
  '22003': (cause) => new ApiError({ status: 400, detail: 'A number is out of range.', cause }),
  '22007': (cause) => new ApiError({ status: 400, detail: 'A date or time is invalid.', cause }),
  '22008': (cause) =>
    new ApiError({ status: 400, detail: 'A date or time is out of range.', cause }),
  '22021': (cause) =>
    new ApiError({ status: 400, detail: 'Text contains a NUL character.', cause }),
  '22P02': (cause) => new ApiError({ status: 400, detail: 'A value has the wrong format.', cause }),
};

/** Constraints whose violation is a client's mistake about one field: 400 naming it. */
const FIELD_CONSTRAINTS: Record<string, { path: string; message: string }> = {
  [REMINDER_NEEDS_DUE_CONSTRAINT]: { path: 'reminders', message: REMINDER_NEEDS_DUE },
};

/** SQLSTATEs that mean "the database is busy or restarting": worth a retry. */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[123]|40001|40P01)/;

/**
 * Recognises database failures and returns the problem they should become: 503 for an unreachable
 * or overloaded database, 504 for a timeout, 4xx for constraint violations a client can cause.
 * Returns undefined for anything else (a server bug: 500).
 */
export function classifyDbError(err: unknown): ApiError | undefined {
  const chain = errorChain(err);
  if (chain.some((e) => e.name === 'TimeoutError' || e.code === '57014')) {
    return ApiError.gatewayTimeout('The database did not answer in time.', err);
  }
  const neonError = chain.find((e) => e.name === 'NeonDbError') as
    { message?: unknown; code?: unknown } | undefined;
  if (!neonError) return undefined;
  const message = String(neonError.message ?? '');
  const code = typeof neonError.code === 'string' ? neonError.code : undefined;
  if (/^Error connecting to database/.test(message) || /HTTP status 5\d\d/.test(message)) {
    return ApiError.serviceUnavailable(2, 'The database is unreachable; try again shortly.', err);
  }
  if (code && TRANSIENT_SQLSTATE.test(code)) {
    return ApiError.serviceUnavailable(1, 'The database is busy; try again shortly.', err);
  }
  const field = FIELD_CONSTRAINTS[String((neonError as { constraint?: unknown }).constraint)];
  if (field)
    return new ApiError({ status: 400, detail: `${field.message}.`, errors: [field], cause: err });
  return code ? CLIENT_SQLSTATES[code]?.(err) : undefined;
}
