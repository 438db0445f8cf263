import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { LIVE_TICKET_TTL_SECONDS, LiveTicketSchema } from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../api-error.ts';
import { EXPIRES_HEADER, NONCE_HEADER } from '../../live/live-object.ts';
import { issueTicket, verifyTicket } from '../../live/ticket.ts';
import { common, json, problem, security } from '../tasks/route-parts.ts';

const tags = ['live'];

export const createTicketRoute = createRoute({
  method: 'post',
  path: '/live/ticket',
  tags,
  security,
  summary: `A ticket that opens one live socket within ${LIVE_TICKET_TTL_SECONDS} s`,
  responses: { 201: json(LiveTicketSchema, 'The ticket, single use'), 401: common[401] },
});

export const createTicketHandler: RouteHandler<typeof createTicketRoute, AppEnv> = async (c) =>
  c.json({ ticket: await issueTicket(c.var.env.BETTER_AUTH_SECRET, c.var.userId) }, 201);

export const openLiveRoute = createRoute({
  method: 'get',
  path: '/live',
  tags,
  summary: 'Upgrade to a WebSocket that says `{"type":"changed","cursor":…}` after every change',
  description:
    'Authenticated by the ticket alone (a browser cannot send headers on a WebSocket). Send ' +
    '`ping` to get `pong`; on a poke, pull `GET /changes` until your cursor reaches its cursor.',
  request: {
    query: z.object({ ticket: z.string().max(200) }),
    headers: z.object({ upgrade: z.string().optional() }),
  },
  responses: {
    101: { description: 'Switching to the WebSocket protocol' },
    400: common[400],
    401: problem('The ticket is invalid, expired or already used'),
    426: problem('Not a WebSocket upgrade'),
    503: problem('Live sockets are not configured here: poll `GET /changes`'),
  },
});

const badTicket = () =>
  new ApiError({
    status: 401,
    detail: 'The ticket is invalid, expired or already used; ask for a new one.',
    errors: [{ path: 'ticket', message: 'Use a fresh ticket from POST /live/ticket' }],
  });

export const openLiveHandler: RouteHandler<typeof openLiveRoute, AppEnv> = async (c) => {
  if (c.req.valid('header').upgrade?.toLowerCase() !== 'websocket') {
    throw new ApiError({
      status: 426,
      detail: 'Open this path as a WebSocket.',
      headers: { Upgrade: 'websocket' },
    });
  }
  const live = c.var.env.LIVE;
  if (!live)
    throw new ApiError({ status: 503, detail: 'Live sockets are off here; poll the feed.' });
  const ticket = await verifyTicket(c.var.env.BETTER_AUTH_SECRET, c.req.valid('query').ticket);
  if (!ticket) throw badTicket();
  const forwarded = new Request(c.req.raw);
  forwarded.headers.set(NONCE_HEADER, ticket.nonce);
  forwarded.headers.set(EXPIRES_HEADER, String(ticket.expiresAt));
  const response = await live.get(live.idFromName(ticket.userId)).fetch(forwarded);
  if (response.status !== 101) throw badTicket();
  return response as never;
};
