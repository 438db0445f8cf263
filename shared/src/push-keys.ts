// Web Push key and endpoint helpers without zod: the worker, the web and the service worker use
// them alike (the web imports them through `virtual:contract`).

/** Bytes of a base64url (or base64) text, or null when it is not one. */
export function base64UrlBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return null;
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (base64.length % 4 === 1) return null;
  try {
    return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) =>
      c.charCodeAt(0),
    );
  } catch {
    return null;
  }
}

/** base64url without padding, as RFC 8291 and RFC 8292 write keys. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** True for an `http://127.0.0.1…` / `http://localhost…` push endpoint (dev and tests only). */
export const isLoopbackEndpoint = (endpoint: string) =>
  /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(endpoint);

/**
 * RFC 8030 §5.4: a `Topic` is at most 32 characters of the base64url alphabet. One per
 * reminder occurrence, so a push service replaces an undelivered copy instead of queuing two.
 */
export async function pushTopic(occurrence: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(occurrence));
  return toBase64Url(new Uint8Array(digest)).slice(0, 32);
}
