import { apiPaths, LivePokeSchema, LiveTicketSchema } from 'virtual:contract';
import { authorized } from '$lib/api/session';
import { parse } from '$lib/contract/json-schema';

const PING_MS = 30_000;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * The browser's one live socket (the leader tab holds it): a fresh single-use ticket per
 * connection, a ping against idle proxies, reconnection with backoff. `onPoke` gets each
 * poke's cursor; `onOpen` runs on every (re)connection, where missed pokes are repaired.
 */
export function openLiveSocket(handlers: {
  onPoke: (cursor: string) => void;
  onOpen: () => void;
  onUnavailable: () => void;
}): () => void {
  let closed = false;
  let socket: WebSocket | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = RETRY_MIN_MS;

  const reconnect = () => {
    clearInterval(ping);
    if (closed) return;
    retry = setTimeout(connect, delay);
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  };

  async function connect() {
    let ticket: string;
    try {
      ticket = (await authorized(apiPaths.liveTicket, { method: 'POST', schema: LiveTicketSchema }))
        .data.ticket;
    } catch {
      return reconnect();
    }
    if (closed) return;
    const url = new URL(`${apiPaths.live}?ticket=${encodeURIComponent(ticket)}`, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      delay = RETRY_MIN_MS;
      ping = setInterval(() => socket?.send('ping'), PING_MS);
      handlers.onOpen();
    });
    socket.addEventListener('message', (event) => {
      if (event.data === 'pong') return;
      try {
        handlers.onPoke(parse(LivePokeSchema, JSON.parse(String(event.data))).cursor);
      } catch {
        // Not a poke: nothing to do.
      }
    });
    socket.addEventListener('close', reconnect);
  }

  if (typeof WebSocket === 'undefined') handlers.onUnavailable();
  else void connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    clearInterval(ping);
    socket?.close(1000, 'page closed');
  };
}
