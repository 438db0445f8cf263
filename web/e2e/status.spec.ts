import { test } from '@playwright/test';
import { expect, open } from './fixtures.ts';

test('the status page shows the API’s health, reached through the web’s own /api', async ({
  page,
}) => {
  await open(page, '/status');
  await expect(page.getByText('All systems go.')).toBeVisible();

  const health = await page.request.get('/api/v1/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
  expect(health.headers()['server-timing']).toMatch(/db;dur=\d+;desc="1"/);

  const missing = await page.request.get('/api/no-such-thing');
  expect(missing.status()).toBe(404);
  expect(missing.headers()['content-type']).toContain('application/problem+json');
  // Per-user answers must never be stored by a shared cache on the way.
  const tasks = await page.request.get('/api/v1/tasks');
  expect(tasks.status()).toBe(401);
  expect(tasks.headers()['cache-control']).toMatch(/no-store|private/);
});
