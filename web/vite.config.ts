import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig, type ProxyOptions } from 'vite';
import type { InlineConfig } from 'vitest/node';
import { contractPlugin } from './vite/contract-plugin.ts';

// The browser only ever talks to the web's origin; /api is forwarded to the API worker so the
// Better Auth session cookie stays first-party (production does the same in hooks.server.ts).
const apiOrigin = process.env.API_ORIGIN ?? 'http://127.0.0.1:8787';
// The e2e suites drive a dev server that must not reload its pages when a file changes
// (several people edit this working tree at once).
const frozen = process.env.WEB_DEV_FROZEN === '1';

const apiProxy: ProxyOptions = {
  target: apiOrigin,
  changeOrigin: false,
  // The live socket (`/api/v1/live`) is a WebSocket upgrade.
  ws: true,
  // Same rule as the production forwarding (src/lib/server/forward-api.ts).
  configure: (proxy) =>
    proxy.on('proxyRes', (response) => {
      response.headers['cache-control'] ??= 'private, no-store';
    }),
};

const test: InlineConfig = {
  include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
  environment: 'jsdom',
};

// vitest bundles its own copy of vite's types, so `test` travels in a plain (non-literal) object.
const config = {
  plugins: [contractPlugin(), tailwindcss(), sveltekit(), svelteTesting()],
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: true,
    hmr: !frozen,
    watch: frozen ? null : undefined,
    proxy: { '/api': apiProxy },
  },
  test,
};

export default defineConfig(config);
