/**
 * `BETTER_AUTH_SECRET` (and `VAPID_PRIVATE_KEY`) values that this repository hands out for running it (`.dev.vars.example`,
 * the dev stack launcher). Anyone can read them, so production refuses to start with one: sessions
 * signed with it could be forged. `dev/production-config.test.ts` keeps the list in step with
 * those files. (The worker tests' secret is left out: they run the worker in production mode
 * against keys that secret encrypted.)
 */
export const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  'dev-only-secret-change-me-0123456789abcdef',
  'local-development-secret-not-for-production-0000',
  // VAPID_PRIVATE_KEY of the local stack (scripts/stack.ts): pushes signed with it could be forged.
  'R2RgGsIWg-OtCXlsEc_AESQ6ht7ymhcMLqrcEiXgndQ',
]);
