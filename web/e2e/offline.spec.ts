import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, test, type Page } from '@playwright/test';
import { CHROMIUM } from '../../scripts/stack.ts';
import {
  accessToken,
  addTask,
  apiAs,
  expect,
  muteLiveFeed,
  offlineReady,
  signUp,
} from './fixtures.ts';

/** The titles in the views this device keeps in IndexedDB for offline use (decision 0022). */
function lastKnownTitles(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('tasks-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('snapshots').objectStore('snapshots').getAll();
          read.onsuccess = () => {
            const views = read.result as { tasks: { title: string; completed: boolean }[] }[];
            resolve(views.flatMap((view) => view.tasks.map((t) => `${t.title}:${t.completed}`)));
            open.result.close();
          };
        };
      }),
  );
}

test('installable: the manifest, its icons and Chromium’s own verdict', async ({ baseURL }) => {
  // Chromium never offers to install from an incognito profile, which a Playwright context is:
  // the verdict needs a profile on disk.
  const profile = mkdtempSync(join(tmpdir(), 'pwa-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM.executablePath,
    args: [...CHROMIUM.args],
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/login');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const manifest = await page.request.get('/manifest.webmanifest');
    expect(manifest.status()).toBe(200);
    const body = (await manifest.json()) as { display: string; icons: { src: string }[] };
    expect(body.display).toBe('standalone');
    for (const icon of body.icons) {
      const image = await page.request.get(icon.src);
      expect(image.headers()['content-type']).toBe('image/png');
    }
    // Lighthouse's installability audit asks the browser the same question.
    const cdp = await context.newCDPSession(page);
    const verdict = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: unknown[];
    };
    expect(verdict.installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('offline: writes queue, survive a reload with no network, replay once; a conflict is chosen', async ({
  page,
  context,
}) => {
  // A device that missed the other's change: the replay meets it as a 412, not through the feed.
  await muteLiveFeed(page);
  await signUp(page, 'train');
  await addTask(page, 'Call the plumber');
  await addTask(page, 'Old note');
  await addTask(page, 'Kept note');
  const api = await apiAs(page);
  const plumber = (await api.list()).find((task) => task.title === 'Call the plumber');
  const kept = (await api.list()).find((task) => task.title === 'Kept note');
  // The shell is cached once signed in; the view is kept on the device.
  await offlineReady(page);

  await context.setOffline(true);
  await page.getByLabel('New task').fill('Buy milk');
  await page.getByLabel('New task').press('Enter');
  await page.getByRole('checkbox', { name: 'Buy milk' }).check();
  await page.getByText('Call the plumber', { exact: true }).dblclick();
  await page.getByRole('textbox', { name: 'Edit title' }).fill('Call the plumber at 9');
  await page.getByRole('textbox', { name: 'Edit title' }).press('Enter');
  // A delete is journaled at the click and sent as soon as it can be; so is its undo.
  await page.getByRole('button', { name: 'Delete Old note' }).click();
  await page.getByRole('button', { name: 'Delete Kept note' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('6 changes waiting to sync')).toBeVisible();
  // Meanwhile another device renames the same task.
  await api.patch(plumber!.id, { title: 'Call the plumber today' });
  await expect
    .poll(() => lastKnownTitles(page))
    .toEqual(expect.arrayContaining(['Buy milk:true', 'Call the plumber at 9:false']));

  // A reload with no network: the shell from the service worker, the tasks from IndexedDB.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Buy milk' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Call the plumber at 9' })).toBeVisible();
  // The view kept on the device may be from before the delete (it is written 250 ms after a
  // change): the writes still in the outbox are shown over it.
  await expect(page.getByText('Old note')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Kept note' })).toBeVisible();
  await expect(page.getByText('6 changes waiting to sync')).toBeVisible();
  await expect(page.getByText('Shown as last seen on this device.')).toBeVisible();

  await context.setOffline(false);
  const chooser = page.getByRole('alert').filter({ hasText: 'changed elsewhere' });
  await expect(chooser.getByRole('region', { name: 'Your version' })).toContainText('at 9');
  await expect(chooser.getByRole('region', { name: 'The current version' })).toContainText(
    'Call the plumber today',
  );
  await chooser.getByRole('button', { name: 'Keep mine' }).click();
  await expect(page.getByText('waiting to sync')).toBeHidden();
  await expect(page.getByText('Shown as last seen on this device.')).toBeHidden();
  await expect
    .poll(async () => (await api.list('?status=all')).map((t) => t.title).sort())
    .toEqual(['Buy milk', 'Call the plumber at 9', 'Kept note']);
  const tasks = (await api.list('?status=all')) as unknown as {
    title: string;
    completed: boolean;
  }[];
  expect(tasks.find((task) => task.title === 'Buy milk')?.completed).toBe(true);
  // Deleted and restored, not created again: the same task.
  expect((await api.byTitle('Kept note'))?.id).toBe(kept?.id);
});

test('offline bulk work: a move and "mark all complete" show at once, survive a reload, replay once', async ({
  page,
  context,
}) => {
  await signUp(page, 'bulk-train');
  const api = await apiAs(page);
  const headers = { authorization: `Bearer ${await accessToken(page)}` };
  const created = await page.request.post('/api/v1/lists', {
    headers,
    data: { name: 'Groceries' },
  });
  expect(created.status()).toBe(201);
  const groceries = ((await created.json()) as { id: string }).id;
  for (const title of ['Milk', 'Bread', 'Soap']) await api.create({ title });
  await page
    .getByRole('navigation', { name: 'Views and lists' })
    .getByRole('link', { name: /^Inbox/ })
    .click();
  await expect(page.getByRole('checkbox', { name: 'Soap', exact: true })).toBeVisible();
  await offlineReady(page);

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Choose tasks…' }).click();
  await page.getByRole('checkbox', { name: 'Choose Milk', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Choose Bread', exact: true }).check();
  const bar = page.getByRole('form', { name: 'Move selected tasks' });
  await bar.getByLabel('Move to').selectOption({ label: 'Groceries' });
  await bar.getByRole('button', { name: 'Move' }).click();
  // Shown moved before any answer: the network is down.
  await expect(page.getByRole('checkbox', { name: 'Milk', exact: true })).toBeHidden();
  await expect(page.getByRole('checkbox', { name: 'Bread', exact: true })).toBeHidden();
  await page.getByRole('button', { name: 'Mark all complete' }).click();
  await expect(page.getByRole('checkbox', { name: 'Soap', exact: true })).toBeChecked();
  await expect(page.getByText('2 changes waiting to sync')).toBeVisible();

  // The list page was reached client-side, so the worker never kept it: the app shell opens it.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Soap', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Milk', exact: true })).toHaveCount(0);
  await expect(page.getByText('2 changes waiting to sync')).toBeVisible();

  await context.setOffline(false);
  await expect(page.getByText('waiting to sync')).toBeHidden();
  await expect
    .poll(async () => (await api.list('?status=all')).map((t) => t.title).sort())
    .toEqual(['Bread', 'Milk', 'Soap']);
  const tasks = (await api.list('?status=all')) as unknown as {
    title: string;
    completed: boolean;
    list_id: string;
  }[];
  const where = Object.fromEntries(
    tasks.map((t) => [t.title, [t.list_id === groceries, t.completed]]),
  );
  expect(where).toEqual({ Milk: [true, false], Bread: [true, false], Soap: [false, true] });
});

test('a view changed offline the moment it opened still opens after an immediate reload', async ({
  page,
  context,
}) => {
  await signUp(page, 'quick-reload');
  await apiAs(page).then((api) => api.create({ title: 'Water the plants' }));
  await offlineReady(page);
  // Reached client-side just now, and changed at once.
  await page
    .getByRole('navigation', { name: 'Views and lists' })
    .getByRole('link', { name: /^Inbox/ })
    .click();
  // The Inbox's own rows: the view it left showed the same task until the Inbox replaced it.
  await expect(page).toHaveURL(/\/lists\//);
  await expect(page.getByRole('heading', { name: 'Inbox', level: 2 })).toBeVisible();
  const plants = page.getByRole('checkbox', { name: 'Water the plants', exact: true });
  await expect(plants).toBeVisible();
  await context.setOffline(true);
  await plants.check();
  await page.reload();
  await expect(plants).toBeChecked();
  await expect(page.getByText('1 change waiting to sync')).toBeVisible();
});
