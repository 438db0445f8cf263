import { encryptNotification } from '@block65/webcrypto-web-push';
import { vapidAuthorization, type Vapid } from './vapid.ts';

/** A device to push to (a stored subscription). */
export type PushTarget = { endpoint: string; p256dh: string; auth: string };

export type PushOptions = {
  /** RFC 8030 §5.4: replaces an undelivered message of the same topic. */
  topic: string;
  /** Seconds the push service keeps the message before dropping it (RFC 8030 §5.2). */
  ttl: number;
  urgency: 'normal' | 'high';
};

/** `accepted`: the push service took it; `gone`: the subscription is dead (404/410). */
export type PushOutcome = 'accepted' | 'gone' | 'failed';

/** Attempts per push, and the backoff before each retry (429 and 5xx only). */
const RETRY_DELAYS_MS = [200, 1000];
const MAX_RETRY_AFTER_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to wait before retrying: `Retry-After` (seconds) if the service sent one, capped. */
function retryDelay(response: Response, fallbackMs: number): number {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0
    ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS)
    : fallbackMs;
}

/**
 * Encrypts `payload` for the device (RFC 8291, `aes128gcm`: @block65/webcrypto-web-push, Web
 * Crypto only) and posts it with a VAPID token (RFC 8292). Retries 429 and 5xx with backoff; a
 * network error is a failure too, so the caller can release the claim for the next run.
 */
export async function sendPush(
  target: PushTarget,
  payload: unknown,
  options: PushOptions,
  vapid: Vapid,
): Promise<PushOutcome> {
  const subscription = {
    endpoint: target.endpoint,
    expirationTime: null,
    keys: { p256dh: target.p256dh, auth: target.auth },
  };
  const body = await encryptNotification(
    subscription,
    new TextEncoder().encode(JSON.stringify(payload)),
  );
  const headers = {
    Authorization: await vapidAuthorization(target.endpoint, vapid),
    'Content-Encoding': 'aes128gcm',
    'Content-Type': 'application/octet-stream',
    TTL: String(Math.max(0, Math.floor(options.ttl))),
    Topic: options.topic,
    Urgency: options.urgency,
  };
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(target.endpoint, { method: 'POST', headers, body });
    } catch {
      if (attempt >= RETRY_DELAYS_MS.length) return 'failed';
      await sleep(RETRY_DELAYS_MS[attempt]!);
      continue;
    }
    await response.body?.cancel();
    if (response.ok) return 'accepted';
    if (response.status === 404 || response.status === 410) return 'gone';
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt >= RETRY_DELAYS_MS.length) return 'failed';
    await sleep(retryDelay(response, RETRY_DELAYS_MS[attempt]!));
  }
}
