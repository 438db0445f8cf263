import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import {
  CHANGE_RETENTION_DAYS,
  ChangePageSchema,
  ChangeQuerySchema,
  decodeChangeCursor,
  type ChangeCursor,
} from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../api-error.ts';
import { common, json, problem, security } from '../tasks/route-parts.ts';
import { readFeed } from './queries.ts';

const DAY_SECONDS = 86_400;

export const listChangesRoute = createRoute({
  method: 'get',
  path: '/changes',
  tags: ['changes'],
  security,
  summary: 'Everything you can see that changed after `cursor`, oldest first',
  description:
    'Without `cursor`: no changes and the current position, to follow from after a snapshot. ' +
    'An entity that changed several times appears once, as it is now; `delete` means it is ' +
    'gone or no longer yours to see. Follow `cursor` while `has_more`.',
  request: { query: ChangeQuerySchema },
  responses: {
    200: json(ChangePageSchema, 'One page of changes and the cursor to ask from next'),
    ...common,
    410: problem(`The cursor is older than ${CHANGE_RETENTION_DAYS} days: read everything again`),
  },
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The cursor of the query, checked: malformed is 400, past the retention 410. */
function startingCursor(value: string): ChangeCursor {
  const cursor = decodeChangeCursor(value);
  if (!cursor) {
    throw ApiError.badRequest('The cursor is not one this API gave out.', [
      { path: 'cursor', message: 'Use the `cursor` of a previous answer' },
    ]);
  }
  if (cursor.issuedAt < nowSeconds() - CHANGE_RETENTION_DAYS * DAY_SECONDS) {
    throw new ApiError({
      status: 410,
      title: 'Gone',
      detail: `Changes are kept ${CHANGE_RETENTION_DAYS} days; read everything again and follow from a new cursor.`,
      errors: [{ path: 'cursor', message: 'is past the retention' }],
    });
  }
  return cursor;
}

export const listChangesHandler: RouteHandler<typeof listChangesRoute, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const from = query.cursor === undefined ? undefined : startingCursor(query.cursor);
  return c.json(await readFeed(c.var.db, c.var.userId, from, query.limit), 200);
};
