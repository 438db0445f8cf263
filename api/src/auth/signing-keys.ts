import { importJWK } from 'jose';
import type { Database } from '../db/client.ts';
import type { Env } from '../env.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from './auth-config.ts';
import { listSigningKeys, type SigningKeyRow } from './queries.ts';

/** The only signature algorithm the API issues and accepts. */
export const ACCESS_TOKEN_ALG = 'EdDSA';

/**
 * An unknown `kid` reloads the keys at most this often per isolate: a new key minted by another
 * isolate is picked up within seconds, while forged kids cannot force a database trip per request.
 */
const UNKNOWN_KID_RELOAD_COOLDOWN_MS = 10_000;
/** Signing and the JWKS document re-read the table this often, to see keys other isolates added. */
const SIGNING_KEYS_MAX_AGE_MS = 10 * 60_000;

/**
 * The `jwks` table held in isolate memory: loaded once, public keys imported once. Verifying a
 * token with a known `kid` costs no database round trip.
 */
export class KeyRing {
  private rows: SigningKeyRow[] | undefined;
  private loading: Promise<SigningKeyRow[]> | undefined;
  private loadedAt = Number.NEGATIVE_INFINITY;
  private readonly verifiers = new Map<string, Promise<CryptoKey | undefined>>();

  /** Every stored key, private halves still encrypted; re-read when older than the max age. */
  async signingKeys(db: Database): Promise<SigningKeyRow[]> {
    if (this.rows && Date.now() - this.loadedAt < SIGNING_KEYS_MAX_AGE_MS) return this.rows;
    return this.load(db);
  }

  /** Records a key this isolate just created, so it signs and verifies without a reload. */
  remember(row: SigningKeyRow): void {
    this.rows = [...(this.rows ?? []).filter((known) => known.id !== row.id), row];
  }

  /** The Ed25519 public key for `kid`, or undefined when no usable key has that id. */
  async verificationKey(db: Database, kid: string): Promise<CryptoKey | undefined> {
    const rows = this.rows ?? (await this.load(db));
    let row = rows.find((known) => known.id === kid);
    // An empty ring reloads regardless: the first key is minted by whichever isolate signs first.
    if (
      !row &&
      (rows.length === 0 || Date.now() - this.loadedAt >= UNKNOWN_KID_RELOAD_COOLDOWN_MS)
    ) {
      row = (await this.load(db)).find((known) => known.id === kid);
    }
    if (!row || !isUsableForVerification(row)) return undefined;
    let verifier = this.verifiers.get(row.id);
    if (!verifier) {
      verifier = importPublicKey(row).catch((error: unknown) => {
        console.error(
          JSON.stringify({ level: 'error', msg: 'unusable jwks row', kid, error: String(error) }),
        );
        return undefined;
      });
      this.verifiers.set(row.id, verifier);
    }
    return verifier;
  }

  private load(db: Database): Promise<SigningKeyRow[]> {
    // Concurrent cold requests in one isolate share one read.
    this.loading ??= listSigningKeys(db)
      .then((rows) => {
        this.rows = rows;
        this.loadedAt = Date.now();
        return rows;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}

/** A key retired by rotation still verifies the tokens it signed until they expire. */
function isUsableForVerification(row: SigningKeyRow): boolean {
  if ((row.alg ?? ACCESS_TOKEN_ALG) !== ACCESS_TOKEN_ALG) return false;
  if (!row.expiresAt) return true;
  return row.expiresAt.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000 > Date.now();
}

async function importPublicKey(row: SigningKeyRow): Promise<CryptoKey> {
  const jwk = JSON.parse(row.publicKey) as Record<string, unknown>;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new Error(`jwks ${row.id} is not Ed25519`);
  return (await importJWK({ ...jwk, alg: ACCESS_TOKEN_ALG }, ACCESS_TOKEN_ALG)) as CryptoKey;
}

const rings = new Map<string, KeyRing>();

/** The key ring of the database `env` points at (one per isolate and database). */
export function keyRingFor(env: Env): KeyRing {
  const id = `${env.NEON_HTTP_ENDPOINT ?? ''}|${env.DATABASE_URL}`;
  let ring = rings.get(id);
  if (!ring) {
    ring = new KeyRing();
    rings.set(id, ring);
  }
  return ring;
}
