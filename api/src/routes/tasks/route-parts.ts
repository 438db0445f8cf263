import { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE, ProblemSchema, type Task } from '@tasks/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../api-error.ts';
import { defaultHook } from '../../error-handler.ts';
import { pokeAudience } from '../../live/poke.ts';
import { etagOf } from './etag.ts';
import type { WriteOutcome } from './queries.ts';

// The pieces every /tasks route definition and handler share.

export const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const body = <T extends z.ZodType>(schema: T, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});

export const etagHeader = {
  ETag: { description: 'The task version, quoted: `"3"`', schema: { type: 'string' as const } },
};
export const common = {
  400: problem('A field is invalid; `errors[].path` names it'),
  401: problem('Missing, expired or invalid bearer token'),
};
export const missing = problem(
  'No such task of yours (also for a malformed id or another user’s task)',
);
export const denied = problem('Your role in the list may not write its tasks');
export const stale = problem(
  '`If-Match` names none of the task’s current versions; nothing changed',
);

/** The path's task id, lower-cased; a malformed one fails as `param`, which `taskHook` makes 404. */
export const TaskIdParams = z.object({
  id: z
    .guid()
    .toLowerCase()
    .openapi({ param: { name: 'id', in: 'path' }, format: 'uuid' }),
});
export const IfMatchHeaders = z.object({
  'if-match': z.string().max(1024).optional().openapi({
    description: 'ETag(s) from a previous read (`"3"`); the write happens only if one is current',
  }),
});
export const security = [{ bearer: [] }];
export const tags = ['tasks'];

// One problem for a missing task, another user's task and a malformed id: nothing tells them apart.
export const taskNotFound = () => ApiError.notFound('No task with that id.');

/** The tasks router's validation hook: a malformed path id is the same 404 as a missing task. */
export const taskHook: typeof defaultHook = (result, c) => {
  if (!result.success && result.target === 'param') throw taskNotFound();
  return defaultHook(result, c);
};

/** A `list_id` in a body that is missing or not the caller's: the same 404 either way. */
export const listNotFound = () =>
  new ApiError({
    status: 404,
    detail: 'No list with that id.',
    errors: [{ path: 'list_id', message: 'No list with that id' }],
  });

/** An `assignee_id` who is not a member of the task's list (or no user at all: the same). */
export const badAssignee = () =>
  ApiError.badRequest('The assignee must be a member of the task’s list.', [
    { path: 'assignee_id', message: 'is not a member of the task’s list' },
  ]);

/** A member whose role may not write tasks of the list. */
export const readOnlyList = () =>
  ApiError.forbidden('You can only read this list: writing tasks needs the editor or owner role.');

/** A write that would leave a time or a repetition without a day; `field` is the one to blame. */
export const dueDateNeeded = (field = 'due_date') =>
  ApiError.badRequest('A due time or a repetition needs a due date.', [
    { path: field, message: 'A due time or a recurring task needs a due_date' },
  ]);

/** A zone Intl knows and the database's tz database does not (decision 0030). */
export const unknownZone = () =>
  ApiError.badRequest('The time zone is not one the server knows.', [
    { path: 'time_zone', message: 'Use an IANA time zone such as Europe/London' },
  ]);

/**
 * Turns a conditional write's outcome into its value, a 404, 403, 400 or 412; a write that
 * happened pokes its audience's live sockets after the answer (`c`).
 */
export function written<T>(outcome: WriteOutcome<T>, c?: Context<AppEnv>, dueField?: string): T {
  switch (outcome.status) {
    case 'invalid_due':
      throw dueDateNeeded(dueField);
    case 'unknown_zone':
      throw unknownZone();
    case 'ok':
      if (c) pokeAudience(c, outcome.audience);
      return outcome.value;
    case 'stale':
      throw ApiError.preconditionFailed();
    case 'forbidden':
      throw readOnlyList();
    case 'list_not_found':
      throw listNotFound();
    case 'bad_assignee':
      throw badAssignee();
    case 'not_found':
      throw taskNotFound();
  }
}

export function sendTask<S extends 200 | 201>(c: Context<AppEnv>, task: Task, status: S) {
  c.header('ETag', etagOf(task.version));
  return c.json(task, status);
}
