import { test } from '@playwright/test';
import { expect } from './fixtures.ts';

// The API reference renders with no internet: every request that would leave loopback is aborted
// and recorded, and the page must still show the operations of the OpenAPI document.
test('the API reference renders every operation offline, from this origin only', async ({
  page,
}) => {
  const external: string[] = [];
  await page.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    external.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto('/api/v1/docs');
  const document = await (await page.request.get('/api/v1/openapi.json')).json();
  const operations = Object.values(document.paths as Record<string, object>).flatMap((item) =>
    Object.keys(item).filter((key) => key !== 'parameters'),
  );
  const blocks = page.locator('.opblock-summary');
  await expect(blocks).toHaveCount(operations.length);
  await expect(page.locator('.info .title')).toContainText(document.info.title);
  await expect(blocks.filter({ hasText: '/api/v1/tasks/{id}' }).first()).toBeVisible();
  expect(external).toEqual([]);
  expect(pageErrors).toEqual([]);
});
