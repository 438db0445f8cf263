import { LIVE_TICKET_TTL_SECONDS } from '@tasks/shared';

// A live ticket opens one WebSocket for one user (decision 0021). It is signed, so the worker
// checks it without the database; its nonce is spent in the user's Durable Object, which runs
// one request at a time, so a second use of the same ticket always finds it spent.

/** What a valid ticket says. */
export type LiveTicket = { userId: string; expiresAt: number; nonce: string };

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/** HMAC key for tickets, derived from the auth secret under its own label (never the secret). */
function ticketKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = (async () => {
      const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, [
        'deriveKey',
      ]);
      return crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new Uint8Array(),
          info: encoder.encode('live-ticket/v1'),
        },
        base,
        { name: 'HMAC', hash: 'SHA-256', length: 256 },
        false,
        ['sign', 'verify'],
      );
    })();
    keys.set(secret, key);
  }
  return key;
}

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** A new ticket for `userId`, valid `LIVE_TICKET_TTL_SECONDS` from `now` (ms). */
export async function issueTicket(secret: string, userId: string, now = Date.now()) {
  const expiresAt = Math.floor(now / 1000) + LIVE_TICKET_TTL_SECONDS;
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const body = `${userId}.${expiresAt}.${nonce}`;
  const mac = await crypto.subtle.sign('HMAC', await ticketKey(secret), encoder.encode(body));
  return `${body}.${base64url(mac)}`;
}

const TICKET = /^([\da-f-]{36})\.(\d{1,12})\.([\w-]{22})\.([\w-]{43})$/;

/** The ticket's claims if it is ours, untampered and unexpired at `now` (ms); else undefined. */
export async function verifyTicket(
  secret: string,
  ticket: string,
  now = Date.now(),
): Promise<LiveTicket | undefined> {
  const match = TICKET.exec(ticket);
  const mac = match && fromBase64url(match[4]!);
  if (!match || !mac) return undefined;
  const [, userId, expires, nonce] = match;
  const body = `${userId}.${expires}.${nonce}`;
  const valid = await crypto.subtle.verify(
    'HMAC',
    await ticketKey(secret),
    mac,
    encoder.encode(body),
  );
  const expiresAt = Number(expires);
  if (!valid || expiresAt * 1000 <= now) return undefined;
  return { userId: userId!, expiresAt, nonce: nonce! };
}
