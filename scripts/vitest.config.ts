import { defineConfig } from 'vitest/config';

// The launcher's own tests, in Node: they start `npm run dev` on spare ports and stop it.
export default defineConfig({
  test: {
    include: ['scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
  },
});
