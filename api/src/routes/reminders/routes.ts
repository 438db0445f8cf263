import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE, ProblemSchema, UpcomingRemindersSchema } from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { listUpcomingReminders } from './queries.ts';

export const upcomingRoute = createRoute({
  method: 'get',
  path: '/reminders/upcoming',
  tags: ['reminders'],
  security: [{ bearer: [] }],
  summary: 'Your reminders due within a day, not yet sent: what an open tab schedules',
  responses: {
    200: {
      description: 'Soonest first',
      content: { 'application/json': { schema: UpcomingRemindersSchema } },
    },
    401: {
      description: 'Missing, expired or invalid bearer token',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
    },
  },
});

export const upcomingHandler: RouteHandler<typeof upcomingRoute, AppEnv> = async (c) => {
  const reminders = await listUpcomingReminders(c.var.db, c.var.userId);
  c.header('Cache-Control', 'private, no-store');
  return c.json({ reminders }, 200);
};
