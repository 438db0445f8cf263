import { DurableObject } from 'cloudflare:workers';
import type { LivePoke } from '@tasks/shared';

/** Headers the worker sets on the upgrade it forwards, after checking the ticket's signature. */
export const NONCE_HEADER = 'x-live-ticket-nonce';
export const EXPIRES_HEADER = 'x-live-ticket-expires';

/** Spent nonces are remembered until their ticket would have expired anyway. */
const SPENT = 'spent:';

/**
 * One per user (`idFromName(userId)`): holds that user's open sockets through the hibernation
 * API, so an idle socket costs no running object, and tells every one of them when something the
 * user can see changed. It never reads the database: a poke only says "pull /changes".
 */
export class LiveObject extends DurableObject {
  /** Accepts the upgrade if the ticket's nonce is unspent, and spends it. */
  override async fetch(request: Request): Promise<Response> {
    const nonce = request.headers.get(NONCE_HEADER);
    const expiresAt = Number(request.headers.get(EXPIRES_HEADER));
    if (!nonce || !Number.isFinite(expiresAt)) return new Response(null, { status: 400 });
    const key = `${SPENT}${nonce}`;
    if ((await this.ctx.storage.get(key)) !== undefined) {
      return new Response('ticket already used', { status: 401 });
    }
    await this.ctx.storage.put(key, expiresAt);
    await this.sweepSpent();
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server);
    // Heartbeats are answered by the runtime without waking the object.
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Tells every open socket of this user to pull the feed up to `cursor`. Answers how many. */
  async poke(cursor: string): Promise<number> {
    const message = JSON.stringify({ type: 'changed', cursor } satisfies LivePoke);
    const sockets = this.ctx.getWebSockets();
    for (const socket of sockets) {
      try {
        socket.send(message);
      } catch {
        // A socket closing as we send: its close handler cleans up.
      }
    }
    return sockets.length;
  }

  /** How many sockets are open (tests and diagnostics). */
  async openSockets(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Clients only listen; anything but the auto-answered ping is a mistake we ignore.
    if (message !== 'ping') socket.send(JSON.stringify({ type: 'error', detail: 'send nothing' }));
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    // 1005/1006 are reserved: they cannot be sent back.
    socket.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  }

  override async webSocketError(socket: WebSocket): Promise<void> {
    socket.close(1011, 'socket error');
  }

  /** Forgets spent nonces whose tickets have expired (they can no longer be presented). */
  private async sweepSpent(): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    const spent = await this.ctx.storage.list<number>({ prefix: SPENT });
    const expired = [...spent].filter(([, expiresAt]) => expiresAt < now).map(([key]) => key);
    if (expired.length > 0) await this.ctx.storage.delete(expired);
  }
}
