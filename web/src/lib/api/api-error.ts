import type { Problem } from '@tasks/shared';

/** An API answer that is not a success, carried as its RFC 9457 problem. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.status = problem.status;
    this.problem = problem;
  }

  /** Field-level messages keyed by the field's path (`title`, `tags.3`), for showing beside it. */
  get fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { path, message } of this.problem.errors ?? []) {
      byField[path] = byField[path] ? `${byField[path]}; ${message}` : message;
    }
    return byField;
  }

  /** The message for `field`, including messages about one of its items (`tags.3` → `tags`). */
  fieldError(field: string): string | undefined {
    const entry = Object.entries(this.fieldErrors).find(
      ([path]) => path === field || path.startsWith(`${field}.`),
    );
    return entry?.[1];
  }
}

/** The session ended (or never began): the user must log in again. */
export class SessionEndedError extends Error {
  constructor(readonly hadSession: boolean) {
    super('Your session has ended.');
  }
}

/** Whether `error` means the request may never have reached the API. */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof ApiError && error.status === 0);
}
