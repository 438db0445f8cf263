import { apiPaths, LivePokeSchema, LiveTicketSchema, type LivePoke } from '@tasks/shared';
import { expect } from 'vitest';
import { api } from './api.ts';
import { dbRoundTrips } from './server-timing.ts';
import type { TestUser } from './users.ts';

// Live sockets as a client opens them (src/live/*.test.ts).

export async function ticketFor(user: TestUser): Promise<string> {
  const res = await user.call(apiPaths.liveTicket, { method: 'POST' });
  expect(res.status).toBe(201);
  expect(dbRoundTrips(res)).toBe(0);
  return LiveTicketSchema.parse(await res.json()).ticket;
}

export const upgrade = (ticket: string) =>
  api(`${apiPaths.live}?ticket=${encodeURIComponent(ticket)}`, {
    headers: { Upgrade: 'websocket' },
  });

/** An open socket and the pokes it has received, in order. */
export async function connect(user: TestUser) {
  const res = await upgrade(await ticketFor(user));
  expect(res.status).toBe(101);
  const socket = res.webSocket!;
  socket.accept();
  const received: string[] = [];
  const waiters: (() => void)[] = [];
  socket.addEventListener('message', (event) => {
    received.push(String(event.data));
    waiters.splice(0).forEach((wake) => wake());
  });
  /** Resolves with the `n`th message (1-based) once it has arrived. */
  const nth = async (n: number) => {
    while (received.length < n) await new Promise<void>((wake) => waiters.push(wake));
    return received[n - 1]!;
  };
  return { socket, received, nth };
}

export const poke = (text: string): LivePoke => LivePokeSchema.parse(JSON.parse(text));
