import { test } from '@playwright/test';
import { addTask, apiAs, expect, muteLiveFeed, signUp } from './fixtures.ts';

test('offline: the create is retried with backoff behind a banner, and stored once', async ({
  page,
  context,
}) => {
  await signUp(page, 'offline');
  const banner = page.getByText('You’re offline.');
  await context.setOffline(true);
  await page.getByLabel('New task').fill('Written on the train');
  await page.getByLabel('New task').press('Enter');
  await expect(page.getByRole('checkbox', { name: 'Written on the train' })).toBeVisible();
  await expect(banner).toBeVisible();

  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/tasks') && r.request().method() === 'POST',
  );
  await context.setOffline(false);
  expect((await saved).status()).toBe(201);
  await expect(banner).toBeHidden();
  expect(await (await apiAs(page)).listTitles()).toEqual(['Written on the train']);
});

test('a create whose answer is lost is retried with the same Idempotency-Key: no duplicate', async ({
  page,
}) => {
  await signUp(page, 'lost');
  const keys: string[] = [];
  let dropped = false;
  await page.route('**/api/v1/tasks', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (dropped) return route.fallback();
    dropped = true;
    // The request reaches the API and the task is created, but the answer never arrives.
    await route.fetch();
    await route.abort('connectionreset');
  });
  await addTask(page, 'Exactly once');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(await (await apiAs(page)).listTitles()).toEqual(['Exactly once']);
});

test('an edit that lost a race tells the user and shows the current version', async ({ page }) => {
  // A device that missed the other's change: with the feed, it would show it before the edit.
  await muteLiveFeed(page);
  await signUp(page, 'conflict');
  await addTask(page, 'Plan the trip');
  const api = await apiAs(page);
  const [task] = await api.list();
  // Someone else (another device) renames it first.
  await api.patch(task!.id, { title: 'Plan the trip to Rome', priority: 'High' });

  await page.getByRole('button', { name: 'Details for Plan the trip' }).click();
  const dialog = page.getByRole('dialog', { name: 'Task details' });
  await dialog.getByLabel('Description').fill('Book the flights');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('This task was changed elsewhere');
  await expect(alert).toContainText('Plan the trip to Rome');
  await expect(alert).toContainText('High');

  await dialog.getByRole('button', { name: 'Save mine anyway' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('· notes')).toBeVisible();
  // Only the field this user changed was sent: the other device's title and priority stay.
  await expect(page.getByRole('checkbox', { name: 'Plan the trip to Rome' })).toBeVisible();
  await expect
    .poll(async () => (await api.list())[0])
    .toMatchObject({ title: 'Plan the trip to Rome', description: 'Book the flights' });
});

test('a checkbox toggle that conflicts rolls back with a clear message', async ({ page }) => {
  await muteLiveFeed(page);
  await signUp(page, 'toggle-conflict');
  await addTask(page, 'Water plants');
  const api = await apiAs(page);
  const [task] = await api.list();
  await api.patch(task!.id, { title: 'Water the plants' });

  // click, not check(): the refusal may roll the box back before Playwright looks at it.
  await page.getByRole('checkbox', { name: 'Water plants' }).click();
  await expect(page.getByRole('alert')).toContainText(
    '“Water plants” was changed elsewhere. Showing the current version',
  );
  await expect(page.getByRole('checkbox', { name: 'Water the plants' })).not.toBeChecked();
});

test('a toggle made while its task is still being created waits for it and uses its real id', async ({
  page,
}) => {
  await signUp(page, 'queued');
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/tasks', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    // The task is created at once, but its answer waits until the toggle has been queued.
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  const toggles: string[] = [];
  page.on('response', (response) => {
    if (/\/api\/v1\/tasks\/[^/]+\/complete$/.test(response.url())) {
      toggles.push(`${response.status()} ${response.url().split('/').at(-2)}`);
    }
  });
  await page.getByLabel('New task').fill('Toggled at once');
  await page.getByLabel('New task').press('Enter');
  await page.getByRole('checkbox', { name: 'Toggled at once' }).check();
  release();

  await expect(page.getByRole('checkbox', { name: 'Toggled at once' })).toBeChecked();
  await expect(page.getByText('0 tasks left')).toBeVisible();
  // The page shows the toggle at once; the API has it once the toggle's answer came back.
  await expect.poll(() => toggles.length).toBe(1);
  const [stored] = (await (await apiAs(page)).list()) as unknown as {
    id: string;
    completed: boolean;
  }[];
  expect(stored?.completed).toBe(true);
  expect(toggles).toEqual([`200 ${stored?.id}`]);
});
