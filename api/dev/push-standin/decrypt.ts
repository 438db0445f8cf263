// RFC 8291 (Message Encryption for Web Push) with RFC 8188's `aes128gcm`, from the receiving
// side: what a browser does with a push. Written from the RFCs with Web Crypto alone, apart
// from the library the worker encrypts with, so the two check each other.

import { webcrypto } from 'node:crypto';

// Node's Web Crypto, typed by @types/node (this package's ambient types are workerd's).
const { subtle } = webcrypto;
type CryptoKey = webcrypto.CryptoKey;
const enc = new TextEncoder();

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) out.set(part, (at += part.length) - part.length);
  return out;
};

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number) {
  const key = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt, info },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

/** A device's key pair and secret: what a browser keeps per subscription. */
export type DeviceKeys = {
  privateKey: CryptoKey;
  /** The uncompressed P-256 point (65 bytes), sent as `p256dh`. */
  publicKey: Uint8Array;
  /** 16 random bytes, sent as `auth`. */
  authSecret: Uint8Array;
};

export async function createDeviceKeys(): Promise<DeviceKeys> {
  const pair = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ]);
  const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return {
    privateKey: pair.privateKey,
    publicKey,
    authSecret: webcrypto.getRandomValues(new Uint8Array(16)),
  };
}

/**
 * Decrypts one `aes128gcm` push body for `device`: header (salt, record size, the sender's
 * ephemeral key as key id), then a single record whose plaintext ends in the 0x02 delimiter and
 * zero padding (RFC 8188 §2). Throws on anything malformed or tampered with.
 */
export async function decryptPush(body: Uint8Array, device: DeviceKeys): Promise<string> {
  if (body.length < 21) throw new Error('body shorter than the aes128gcm header');
  const salt = body.slice(0, 16);
  const recordSize = new DataView(body.buffer, body.byteOffset + 16, 4).getUint32(0);
  const idLength = body[20]!;
  if (idLength !== 65) throw new Error(`key id is ${idLength} bytes, not a P-256 point`);
  const senderKey = body.slice(21, 21 + idLength);
  const record = body.slice(21 + idLength);
  if (record.length > recordSize) throw new Error('more than one record');
  const sender = await subtle.importKey(
    'raw',
    senderKey,
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    [],
  );
  const shared = new Uint8Array(
    await subtle.deriveBits({ name: 'ECDH', public: sender }, device.privateKey, 256),
  );
  const keyInfo = concat(enc.encode('WebPush: info\0'), device.publicKey, senderKey);
  const ikm = await hkdf(device.authSecret, shared, keyInfo, 32);
  const cek = await hkdf(salt, ikm, enc.encode('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(salt, ikm, enc.encode('Content-Encoding: nonce\0'), 12);
  const key = await subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt']);
  const padded = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: nonce }, key, record));
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('the last record does not end in the 0x02 delimiter');
  return new TextDecoder().decode(padded.slice(0, end));
}
