import { createRoute } from '@hono/zod-openapi';
import { MeSchema, MeUpdateSchema, type Me } from '@tasks/shared';
import { ApiError } from '../../api-error.ts';
import { pokeAudience } from '../../live/poke.ts';
import { createRouter } from '../../router.ts';
import { unknownZone } from '../../routes/tasks/route-parts.ts';
import { findUserProfile, updateProfile } from '../profile-queries.ts';
import { json, problem } from './openapi.ts';

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The account behind the access token',
  security: [{ bearer: [] }],
  responses: {
    200: json(MeSchema, 'The signed-in user'),
    401: problem('Missing, invalid or expired access token'),
  },
});

const meUpdateRoute = createRoute({
  method: 'patch',
  path: '/me',
  tags: ['auth'],
  summary:
    'Set the caller’s time zone (the web sends the browser’s on first sign-in) or reminder defaults',
  security: [{ bearer: [] }],
  request: {
    body: { required: true, content: { 'application/json': { schema: MeUpdateSchema } } },
  },
  responses: {
    200: json(MeSchema, 'The signed-in user'),
    400: problem('A field is invalid (`time_zone` not an IANA zone…); `errors[].path` names it'),
    401: problem('Missing, invalid or expired access token'),
  },
});

function found(me: Me | undefined): Me {
  if (!me) throw ApiError.unauthorized('The account behind this token no longer exists.');
  return me;
}

/**
 * `GET` and `PATCH /me`. The access token carries only the user and session ids (it stays small
 * and never goes stale), so the profile is one read or one write.
 */
export const meRoutes = createRouter()
  .openapi(meRoute, async (c) => {
    const me = found(await findUserProfile(c.var.db, c.var.userId));
    c.header('Cache-Control', 'private, no-store');
    return c.json(me, 200);
  })
  .openapi(meUpdateRoute, async (c) => {
    const { time_zone: timeZone, reminder_defaults: reminderDefaults } = c.req.valid('json');
    const updated = await updateProfile(c.var.db, c.var.userId, { timeZone, reminderDefaults });
    if (updated === 'unknown_zone') throw unknownZone();
    const me = found(updated?.me);
    // The statement moved the floating tasks' instants to the new zone: their lists' members hear.
    pokeAudience(c, updated?.audience);
    c.header('Cache-Control', 'private, no-store');
    return c.json(me, 200);
  });
