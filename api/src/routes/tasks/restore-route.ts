import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { TaskSchema } from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../api-error.ts';
import { acceptedVersions } from './etag.ts';
import { finishWrite } from './finish-write.ts';
import { updateTask } from './queries.ts';
import {
  body,
  common,
  denied,
  etagHeader,
  IfMatchHeaders,
  json,
  missing,
  problem,
  security,
  sendTask,
  stale,
  tags,
  TaskIdParams,
  written,
} from './route-parts.ts';

// POST /tasks/{id}/restore-occurrence: the undo of a completion or skip of a recurring task, one
// conditional UPDATE with the history delete in a CTE (restore-sql.ts).

const RestoreOccurrenceSchema = z
  .strictObject({
    /** The occurrence to reopen: the task's newest done or skipped one. */
    occurrence: z.number().int().positive(),
  })
  .meta({ id: 'RestoreOccurrence' });

export const restoreOccurrenceRoute = createRoute({
  method: 'post',
  path: '/tasks/{id}/restore-occurrence',
  tags,
  security,
  summary: 'Undo: reopen the last done or skipped occurrence of a recurring task',
  request: {
    params: TaskIdParams,
    headers: IfMatchHeaders,
    body: body(RestoreOccurrenceSchema),
  },
  responses: {
    200: { ...json(TaskSchema, 'The task, open on that occurrence again'), headers: etagHeader },
    ...common,
    403: denied,
    404: missing,
    409: problem('The occurrence is not the task’s last done or skipped one'),
    412: stale,
  },
});

export const restoreOccurrenceHandler: RouteHandler<typeof restoreOccurrenceRoute, AppEnv> = async (
  c,
) => {
  const { id } = c.req.valid('param');
  const { occurrence } = c.req.valid('json');
  const changes = { restore: occurrence };
  const ifMatch = acceptedVersions(c.req.valid('header')['if-match']);
  const outcome = written(
    await updateTask(c.var.db, { userId: c.var.userId, id, ifMatch }, changes),
    c,
  );
  // Restored now, or by a retry of this request: either way the task is open on it.
  const { record } = outcome;
  if (record.occurrence !== occurrence || record.completed) {
    throw ApiError.conflict(
      `Occurrence ${occurrence} is not the task’s last done or skipped one.`,
      [{ path: 'occurrence', message: 'Not the last done or skipped occurrence' }],
    );
  }
  return sendTask(c, await finishWrite(c, outcome, changes), 200);
};
