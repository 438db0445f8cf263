/** Tokens remembered per isolate; a client reuses one token for up to 15 minutes. */
export const VERIFIED_TOKENS_MAX = 1000;

type Entry<C> = { claims: C; key: CryptoKey; untilMs: number };

/**
 * Access tokens whose signature and claims this isolate has already checked, so a warm request
 * skips the Ed25519 verification and jose's claim parsing (decision 0027). Only what cannot
 * change for the same token string is remembered: the signature, issuer, audience and ids. An
 * entry ends at the token's `exp` (or its `iat` plus the token lifetime, if sooner), after which
 * jose judges the token again, leeway included. Whether the session ended and whether the key
 * is still usable is asked again on every request, so revocation keeps its 60 s bound.
 * Bounded: past `max` entries, the least recently used goes.
 */
export class VerifiedTokens<C> {
  private readonly entries = new Map<string, Entry<C>>();

  constructor(private readonly max = VERIFIED_TOKENS_MAX) {}

  /** The claims of `token` if it was verified with `key` and has not reached its end. */
  get(token: string, key: CryptoKey, nowMs = Date.now()): C | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (entry.key !== key || nowMs >= entry.untilMs) return undefined;
    this.entries.set(token, entry); // most recently used last
    return entry.claims;
  }

  /** Remembers a token jose just accepted, until `untilMs`. */
  remember(token: string, key: CryptoKey, claims: C, untilMs: number): void {
    this.entries.delete(token);
    this.entries.set(token, { claims, key, untilMs });
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
