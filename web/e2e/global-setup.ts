import { startStack } from './stack.ts';
import { targetFromEnv } from './target.ts';

/**
 * Playwright global setup: the whole stack for this run; the returned teardown stops it.
 * E2E_REUSE_STACK=1 runs against a stack already listening on the e2e ports (while iterating).
 */
export default async function globalSetup() {
  if (process.env.E2E_REUSE_STACK === '1') return undefined;
  return startStack(targetFromEnv());
}
