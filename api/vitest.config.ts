import { execFileSync } from 'node:child_process';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { TEST_BINDINGS, TEST_RATE_LIMITS } from './test/test-env.ts';

// wrangler.toml's [assets] directory must exist before Miniflare reads it (a script, not an
// import: the config loader cannot import the TypeScript of @tasks/shared that it uses).
execFileSync('npm', ['run', '--silent', 'docs-assets'], { cwd: import.meta.dirname });

// The worker suite: every *.test.ts under src/ and test/ runs inside workerd against the real
// worker, backed by the local Neon HTTP server the global setup starts (dev/ has its own config).
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: '../wrangler.toml' },
      miniflare: {
        bindings: {
          ...TEST_BINDINGS,
          DATABASE_URL: inject('databaseUrl'),
          NEON_HTTP_ENDPOINT: inject('neonHttpEndpoint'),
        },
        ratelimits: TEST_RATE_LIMITS,
      },
    })),
  ],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One workerd and one import of the worker for all files, not one per file; it needs the pool's
    // patch in patches/ (applied at install), without which every request gets dearer (decision 0031).
    isolate: false,
    globalSetup: ['./test/global-setup.ts'],
    // The worker logs one JSON line per request; show them only for failing tests.
    silent: 'passed-only',
    // Spies (e.g. on console.error to keep expected error logs quiet) end with their test.
    restoreMocks: true,
    testTimeout: 20_000,
    // A file's beforeAll signs users up (scrypt, CPU-bound): 10 s, the default, is not enough on a
    // loaded machine.
    hookTimeout: 20_000,
  },
});
