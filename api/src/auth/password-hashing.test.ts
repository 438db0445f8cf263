import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signUpAndLogIn, testDb } from '../../test/auth.ts';
import { accounts } from '../db/schema/index.ts';

describe('password hashing in workerd', () => {
  it("is the native node:crypto scrypt (the package's workerd export), not the pure-JS fallback", () => {
    // @better-auth/utils/password resolves per export condition; only the node build uses randomBytes.
    expect(String(hashPassword)).toContain('randomBytes');
    expect(String(hashPassword)).not.toContain('getRandomValues');
  });

  it('stores salt:key scrypt hashes that verify the password and nothing else', async () => {
    const hash = await hashPassword('Correct-horse-9');
    expect(hash).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await verifyPassword({ hash, password: 'Correct-horse-9' })).toBe(true);
    expect(await verifyPassword({ hash, password: 'correct-horse-9' })).toBe(false);
  });

  it('keeps only the hash in the database', async () => {
    const user = await signUpAndLogIn('hash');
    const [credential] = await testDb().select().from(accounts).where(eq(accounts.userId, user.id));
    expect(credential?.providerId).toBe('credential');
    expect(credential?.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });
});
