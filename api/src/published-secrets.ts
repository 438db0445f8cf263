/**
 * `BETTER_AUTH_SECRET` values written down in this repository (`.dev.vars.example`, the dev stack
 * launcher, the test bindings). Anyone can read them, so production refuses to start with one:
 * sessions signed with it could be forged. `dev/production-config.test.ts` keeps the list in
 * step with those files.
 */
export const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  'dev-only-secret-change-me-0123456789abcdef',
  'local-development-secret-not-for-production-0000',
  'test-secret-test-secret-test-secret-0123456789',
]);
