import { defineConfig } from '@playwright/test';
import { CHROMIUM } from '../scripts/stack.ts';
import { targetFromEnv, webOrigin } from './e2e/target.ts';

const target = targetFromEnv();
const trace = process.env.E2E_TRACE === '1';

// The Pages build is what ships, so every spec runs on it. On the dev server run the specs about
// what differs there (vite's /api proxy and its cookies, headers, the docs page, the whole
// workflow through wrangler dev); the rest would only drive the same app code a second time
// (decision 0010).
const DEV_SPECS = [
  'auth',
  'workflow',
  'docs',
  'security-headers',
  // The live socket's WebSocket upgrade through vite's /api proxy.
  'live',
];

export default defineConfig({
  testDir: 'e2e',
  ...(target === 'dev' ? { testMatch: DEV_SPECS.map((name) => `${name}.spec.ts`) } : {}),
  outputDir: `e2e/artifacts/results-${target}`,
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  // Three, on 2 cores: a spec waits on the network and the worker as much as it computes.
  workers: 3,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: webOrigin(target),
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM.executablePath,
      args: [...CHROMIUM.args],
    },
    // Recording a trace (a DOM snapshot per action) and a screenshot of every test costs the
    // browser a fifth of the suite's time, and CI keeps only the printed log: opt in while
    // iterating with E2E_TRACE=1.
    trace: trace ? 'retain-on-failure' : 'off',
    screenshot: trace ? 'only-on-failure' : 'off',
  },
});
