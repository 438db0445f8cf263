import { importJWK } from 'jose';
import { createDb, type Database } from '../db/client.ts';
import { createMeter } from '../db/meter.ts';
import type { Env } from '../env.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from './auth-config.ts';
import { AuthState, type AuthSnapshot, type Background } from './auth-state.ts';
import type { SigningKeyRow } from './queries.ts';

/** The only signature algorithm the API issues and accepts. */
export const ACCESS_TOKEN_ALG = 'EdDSA';

/**
 * Signing keys rotate: the jwt plugin mints a new key once the newest one is this old, and the
 * old one keeps verifying the tokens it signed until they expire (see isUsableForVerification).
 */
export const SIGNING_KEY_ROTATION_SECONDS = 30 * 24 * 60 * 60;

/**
 * An unknown `kid` reloads the keys at most this often per isolate: a new key minted by another
 * isolate is picked up within seconds, while forged kids cannot force a database trip per request.
 */
const UNKNOWN_KID_RELOAD_COOLDOWN_MS = 10_000;

/**
 * The `jwks` table and the recent session revocations, held in isolate memory (AuthState), with
 * the public keys imported once. Verifying a token with a known `kid` costs no round trip.
 */
export class KeyRing {
  readonly state = new AuthState();
  private readonly verifiers = new Map<string, Promise<CryptoKey | undefined>>();

  constructor(private readonly reloadDb: () => Database) {}

  /** A snapshot fit for verification (at most a minute old). */
  snapshot(db: Database, background?: Background): Promise<AuthSnapshot> {
    return this.state.current(db, this.reloadDb, background);
  }

  /** Every stored key, private halves still encrypted, for signing and the JWKS document. */
  async signingKeys(db: Database): Promise<SigningKeyRow[]> {
    return (await this.state.latest(db)).keys;
  }

  /** The Ed25519 public key for `kid` in `snapshot`, or undefined when no usable key has it. */
  async verificationKey(
    db: Database,
    snapshot: AuthSnapshot,
    kid: string,
  ): Promise<CryptoKey | undefined> {
    let row = snapshot.keys.find((known) => known.id === kid);
    // An empty ring reloads regardless: the first key is minted by whichever isolate signs first.
    if (
      !row &&
      (snapshot.keys.length === 0 ||
        Date.now() - snapshot.loadedAt >= UNKNOWN_KID_RELOAD_COOLDOWN_MS)
    ) {
      row = (await this.state.load(db)).keys.find((known) => known.id === kid);
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
    ring = new KeyRing(() => createDb(env, createMeter()));
    rings.set(id, ring);
  }
  return ring;
}
