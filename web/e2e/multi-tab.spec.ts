import { test, type Page, type WebSocket } from '@playwright/test';
import { addTask, apiAs, expect, offlineReady, open, signUp } from './fixtures.ts';

test('signing out in one tab signs out every open tab', async ({ context }) => {
  const first = await context.newPage();
  await signUp(first, 'tabs');
  const second = await context.newPage();
  await open(second, '/');
  await expect(second.getByText('No tasks yet')).toBeVisible();

  await first.getByRole('button', { name: 'Sign out' }).click();
  await expect(first).toHaveURL(/\/login$/);
  await expect(second).toHaveURL(/\/login\?reason=signed-out$/);
  await expect(second.getByText('You signed out in another tab.')).toBeVisible();
  await second.goto('/');
  await expect(second).toHaveURL(/\/login$/);
});

test('a change in one tab appears in the other open tabs', async ({ context }) => {
  const first = await context.newPage();
  await signUp(first, 'sync');
  const second = await context.newPage();
  await open(second, '/');
  await expect(second.getByText('No tasks yet')).toBeVisible();

  await addTask(first, 'Shared between tabs');
  await expect(second.getByRole('checkbox', { name: 'Shared between tabs' })).toBeVisible();
  await second.getByRole('checkbox', { name: 'Shared between tabs' }).check();
  await expect(first.getByRole('checkbox', { name: 'Shared between tabs' })).toBeChecked();
  await expect(first.getByText('0 tasks left')).toBeVisible();
});

// Decision 0021: one live socket per browser. The tab holding the Web Lock opens it and relays
// its pokes to the other tabs over a BroadcastChannel; when it closes, the next tab takes the
// lock and opens its own.
test('one live socket for all tabs: the leader relays, and another tab leads once it closes', async ({
  context,
}) => {
  const sockets: { page: Page; ws: WebSocket }[] = [];
  const first = await context.newPage();
  const watch = (page: Page) =>
    page.on('websocket', (ws) => {
      if (ws.url().includes('/api/v1/live')) sockets.push({ page, ws });
    });
  /** Which tabs hold an open socket: 'first', 'second'. */
  const live = () =>
    sockets
      // A closed tab's socket reports no close event to Playwright: the tab's own state says it.
      .filter(({ page, ws }) => !ws.isClosed() && !page.isClosed())
      .map(({ page }) => (page === first ? 'first' : 'second'));
  watch(first);
  await signUp(first, 'leader');
  await expect.poll(() => live().length).toBe(1);
  const second = await context.newPage();
  watch(second);
  await open(second, '/');
  await expect(second.getByText('No tasks yet')).toBeVisible();
  const api = await apiAs(first);

  // Another device writes: the leader's socket hears it, the other tab learns it from the leader.
  await api.create({ title: 'Written elsewhere' });
  await expect(second.getByRole('checkbox', { name: 'Written elsewhere' })).toBeVisible();
  await expect(first.getByRole('checkbox', { name: 'Written elsewhere' })).toBeVisible();
  expect(live()).toEqual(['first']);

  await first.close();
  await expect.poll(live).toEqual(['second']);
  await api.create({ title: 'Written later' });
  await expect(second.getByRole('checkbox', { name: 'Written later' })).toBeVisible();
  expect(sockets).toHaveLength(2);
});

// Decision 0022: a write a closed tab left in the outbox is replayed by the next page that opens.
// Two pages opening together would each send it; the Web Lock lets one at a time replay, and the
// next finds nothing left (the Idempotency-Key would hide a second send on the server: the
// answers are counted instead).
test('a write a closed tab left offline is sent once by the two tabs opened after it', async ({
  context,
}) => {
  const writer = await context.newPage();
  await signUp(writer, 'left-behind');
  await offlineReady(writer);
  const api = await apiAs(writer);
  await context.setOffline(true);
  await writer.getByLabel('New task').fill('Left behind');
  await writer.getByLabel('New task').press('Enter');
  await expect(writer.getByText('1 change waiting to sync')).toBeVisible();
  await writer.close();

  const sent: number[] = [];
  const tabs = [await context.newPage(), await context.newPage()];
  for (const tab of tabs) {
    tab.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (response.request().method() === 'POST' && pathname === '/api/v1/tasks') {
        sent.push(response.status());
      }
    });
    await open(tab, '/');
    await expect(tab.getByRole('checkbox', { name: 'Left behind' })).toBeVisible();
  }
  await context.setOffline(false);
  for (const tab of tabs) await expect(tab.getByText('waiting to sync')).toBeHidden();
  await expect.poll(() => api.listTitles()).toEqual(['Left behind']);
  expect(sent).toEqual([201]);
});
