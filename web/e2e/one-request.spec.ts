import { test, type Page, type Request } from '@playwright/test';
import { addTask, expect, signUp } from './fixtures.ts';

const SENTINEL = '/api/v1/health';

/**
 * Every request the page sends from now on. `settled()` then sends a sentinel request from the
 * page and waits for it: whatever the app starts in reaction to a write's answer (as it used to:
 * a recount of pending tasks, then the tags) has been sent by the time the sentinel comes back.
 */
function recordRequests(page: Page) {
  const seen: Request[] = [];
  page.on('request', (request) => seen.push(request));
  return {
    take: () =>
      // The live follower's pulls too: the poke of this tab's own write needs none (its answer's
      // X-Change-Cursor names it, decision 0024), so an edit is exactly one request.
      seen.splice(0).filter((request) => new URL(request.url()).pathname !== SENTINEL),
    settled: async () => {
      await page.evaluate((path) => fetch(path).then((res) => res.status), SENTINEL);
    },
  };
}

const describe = (request: Request) => `${request.method()} ${new URL(request.url()).pathname}`;

test('an edit, a toggle and a delete are one request each, and the counts still follow', async ({
  page,
}) => {
  await signUp(page, 'one-request');
  await addTask(page, 'Keep me');
  await addTask(page, 'Count me');
  await expect(page.getByText('2 tasks left')).toBeVisible();
  const requests = recordRequests(page);
  await requests.settled();
  requests.take();

  // An edit in the details dialog, with tags: the tag filter's counts follow without a read.
  await page.getByRole('button', { name: 'Details for Count me' }).click();
  const dialog = page.getByRole('dialog', { name: 'Task details' });
  await expect(dialog).toBeVisible();
  // Opening the dialog the first time loads its code (kept out of `/`'s JavaScript); what is
  // counted is the edit, from its Save.
  await requests.settled();
  requests.take();
  await dialog.getByLabel('Tags').fill('home, errands');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Filter by tag')).toContainText('#home (1)');
  await requests.settled();
  expect(requests.take().map(describe)).toEqual([
    expect.stringMatching(/^PATCH \/api\/v1\/tasks\/[0-9a-f-]{36}$/),
  ]);

  await page.getByRole('checkbox', { name: 'Count me' }).check();
  await expect(page.getByText('1 task left')).toBeVisible();
  const filters = page.getByRole('navigation', { name: 'Filter by status' });
  await expect(filters).toContainText('All (2)');
  await expect(filters).toContainText('Pending (1)');
  await expect(filters).toContainText('Completed (1)');
  await requests.settled();
  expect(requests.take().map(describe)).toEqual([
    expect.stringMatching(/^POST \/api\/v1\/tasks\/[0-9a-f-]{36}\/complete$/),
  ]);

  // Sent at the click (its Undo is a restore, a write of its own).
  const deleted = page.waitForResponse((res) => res.request().method() === 'DELETE');
  await page.getByRole('button', { name: 'Delete Keep me' }).click();
  await expect(page.getByText('0 tasks left')).toBeVisible();
  expect((await deleted).status()).toBe(204);
  await requests.settled();
  expect(requests.take().map(describe)).toEqual([
    expect.stringMatching(/^DELETE \/api\/v1\/tasks\/[0-9a-f-]{36}$/),
  ]);

  // What the page worked out locally is what the server counts.
  await page.reload();
  await expect(page.getByText('0 tasks left')).toBeVisible();
  await expect(filters).toContainText('Completed (1)');
  await expect(page.getByLabel('Filter by tag')).toContainText('#errands (1)');
});
