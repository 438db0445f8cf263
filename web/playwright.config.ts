import { defineConfig } from '@playwright/test';
import { CHROMIUM } from '../scripts/stack.ts';
import { targetFromEnv, webOrigin } from './e2e/target.ts';

const target = targetFromEnv();

export default defineConfig({
  testDir: 'e2e',
  outputDir: `e2e/artifacts/results-${target}`,
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  workers: 2,
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
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
