import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The dev-tool suite runs in Node (not workerd): the local Neon server, its backends (the
// fidelity suite in test/fidelity/), the throwaway PostgreSQL cluster and the migrator. Each file
// runs in its own process, so the global neonConfig.fetchEndpoint the migrator sets in one file
// never points another at the wrong server.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['dev/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
