import { z } from 'zod';
import { base64UrlBytes, isLoopbackEndpoint } from './push-keys.ts';

// Web Push subscriptions (RFC 8030, RFC 8291 keys) as a browser's PushSubscription.toJSON() gives.

/** RFC 8291 §3.1: an uncompressed P-256 point, 65 bytes starting 0x04. */
export const P256DH_BYTES = 65;
/** RFC 8291 §3.2: the authentication secret is 16 bytes. */
export const AUTH_SECRET_BYTES = 16;
export const PUSH_ENDPOINT_MAX = 2048;

const keyOf = (bytes: number, check: (b: Uint8Array) => boolean, message: string) =>
  z.string().refine((text) => {
    const decoded = base64UrlBytes(text);
    return decoded !== null && decoded.length === bytes && check(decoded);
  }, message);

export const PushSubscriptionInputSchema = z
  .object({
    endpoint: z.url({ protocol: /^https?$/ }).max(PUSH_ENDPOINT_MAX),
    keys: z.object({
      p256dh: keyOf(
        P256DH_BYTES,
        (b) => b[0] === 4,
        'Must be an uncompressed P-256 public key (65 bytes, base64url)',
      ),
      auth: keyOf(AUTH_SECRET_BYTES, () => true, 'Must be 16 bytes, base64url'),
    }),
    // PushSubscription.toJSON() also carries expirationTime; accepted and ignored.
    expirationTime: z.number().nullable().optional(),
  })
  .meta({ id: 'PushSubscriptionInput' });
export type PushSubscriptionInput = z.input<typeof PushSubscriptionInputSchema>;

export const PushUnsubscribeSchema = z
  .object({ endpoint: z.string().min(1).max(PUSH_ENDPOINT_MAX) })
  .meta({ id: 'PushUnsubscribe' });

export const VapidPublicKeySchema = z
  .object({ public_key: z.string() })
  .meta({ id: 'VapidPublicKey' });

/**
 * Where a push endpoint may point: https anywhere; plain http only to this machine, and only
 * where `allowLoopback` (ENVIRONMENT development or test) — a production worker never posts to
 * its own network.
 */
export function pushEndpointIssue(endpoint: string, allowLoopback: boolean): string | undefined {
  if (endpoint.startsWith('https://')) return undefined;
  if (allowLoopback && isLoopbackEndpoint(endpoint)) return undefined;
  return allowLoopback ? 'Must be an https URL (or http://127.0.0.1 here)' : 'Must be an https URL';
}
