import { defineConfig } from 'vitest/config';

// The smoke runs start real processes (PostgreSQL, workerd, Chromium): one file at a time, in Node.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    // A guard against hangs, not a speed goal: a loaded machine may take a while.
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
