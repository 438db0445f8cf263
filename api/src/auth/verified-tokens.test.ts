import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from './verified-tokens.ts';

const keyPair = () =>
  crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

describe('the verified-token cache', () => {
  it('answers until the token’s end, not at it', async () => {
    const { publicKey } = await keyPair();
    const cache = new VerifiedTokens<string>();
    cache.remember('t', publicKey, 'claims', 1000);
    expect(cache.get('t', publicKey, 999)).toBe('claims');
    expect(cache.get('t', publicKey, 1000)).toBeUndefined();
    expect(cache.size).toBe(0); // an ended entry is dropped
  });

  it('answers only for the key that verified the token', async () => {
    const [first, second] = await Promise.all([keyPair(), keyPair()]);
    const cache = new VerifiedTokens<string>();
    cache.remember('t', first.publicKey, 'claims', 1000);
    expect(cache.get('t', second.publicKey, 0)).toBeUndefined();
  });

  it('keeps at most its bound, dropping the least recently used', async () => {
    const { publicKey } = await keyPair();
    const cache = new VerifiedTokens<string>(2);
    cache.remember('a', publicKey, 'A', 1000);
    cache.remember('b', publicKey, 'B', 1000);
    expect(cache.get('a', publicKey, 0)).toBe('A'); // now b is the oldest use
    cache.remember('c', publicKey, 'C', 1000);
    expect(cache.size).toBe(2);
    expect(cache.get('b', publicKey, 0)).toBeUndefined();
    expect(cache.get('a', publicKey, 0)).toBe('A');
    expect(cache.get('c', publicKey, 0)).toBe('C');
  });
});
