import { expect, type APIRequestContext, type Page } from '@playwright/test';

export { expect };

/** A password that meets the policy. */
export const PASSWORD = 'Correct-Horse-9';

/**
 * The live follower's own requests (its socket's ticket, its pulls of the feed). The poke of this
 * tab's own write needs no pull (decision 0024), but a write followed by work after its answer (a
 * refill storing a recurring task's next due time) pokes again, and that pull is the follower's.
 */
export const LIVE_FOLLOWER = /^\/api\/v1\/(changes|live\/ticket)$/;

/**
 * Plays a device that hears nothing from the change feed (a missed poke, a dead socket): what
 * another device writes reaches this page only through its own writes' answers.
 */
export async function muteLiveFeed(page: Page): Promise<void> {
  await page.route(
    (url) => LIVE_FOLLOWER.test(url.pathname),
    (route) => route.abort(),
  );
}

/** An address no other test (or earlier run) uses. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Opens a page and waits until Svelte has hydrated it (clicks before that would be lost). */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForSelector('html[data-hydrated="true"]');
}

/** Signs up a new user through the UI and waits for their (empty) task list. */
export async function signUp(page: Page, label = 'user'): Promise<{ email: string }> {
  const email = uniqueEmail(label);
  await open(page, '/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('No tasks yet')).toBeVisible();
  return { email };
}

/**
 * Waits until the page could open with no network: the service worker controls it and has kept
 * the app shell (lib/offline/sw-shell.ts). Polled: `waitForFunction` takes the promise an async
 * predicate returns as truthy, so it would not wait for the cache.
 */
export async function offlineReady(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect
    .poll(() => page.evaluate(async () => (await caches.match('/__page/app-shell')) !== undefined))
    .toBe(true);
}

/** Logs in through the UI. */
export async function logIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Adds a task through the "New task" field and waits until the API has stored it. */
export async function addTask(page: Page, title: string): Promise<void> {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/tasks') && r.request().method() === 'POST',
  );
  await page.getByLabel('New task').fill(title);
  await page.getByLabel('New task').press('Enter');
  expect((await saved).status()).toBe(201);
  await expect(page.getByRole('checkbox', { name: title, exact: true })).toBeVisible();
}

/** The origin the suite's pages are served from (CSRF checks want it on cookie requests). */
export function originOf(page: Page): string {
  return new URL(page.url()).origin;
}

/** A bearer token for the page's signed-in user, minted from its session cookie. */
export async function accessToken(page: Page): Promise<string> {
  const response = await page.request.post('/api/v1/auth/token', {
    headers: { origin: originOf(page) },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The API as the page's user: JSON calls with a bearer token, outside the browser UI. */
export async function apiAs(page: Page) {
  const token = await accessToken(page);
  const request: APIRequestContext = page.request;
  const headers = { authorization: `Bearer ${token}` };
  // The request context keeps its sockets alive; one the server closed while the test waited
  // (Node's 5 s keep-alive) is reset on reuse (ECONNRESET). A read is safe to send again.
  const read = { headers, maxRetries: 2 };
  return {
    list: async (query = '') => {
      const response = await request.get(`/api/v1/tasks${query}`, read);
      expect(response.status()).toBe(200);
      return (await response.json()) as { id: string; title: string; version: number }[];
    },
    listTitles: async (query = '') => {
      const response = await request.get(`/api/v1/tasks${query}`, read);
      expect(response.status()).toBe(200);
      return ((await response.json()) as { title: string }[]).map((task) => task.title);
    },
    /** The task titled `title` as the server has it now (undefined: none). */
    byTitle: async (title: string) => {
      const response = await request.get(`/api/v1/tasks?limit=100`, read);
      expect(response.status()).toBe(200);
      const tasks = (await response.json()) as Record<string, unknown>[];
      return tasks.find((task) => task.title === title);
    },
    create: async (body: Record<string, unknown>) => {
      const response = await request.post('/api/v1/tasks', { headers, data: body });
      expect(response.status()).toBe(201);
      return (await response.json()) as { id: string; version: number; title: string };
    },
    get: async (id: string) => {
      const response = await request.get(`/api/v1/tasks/${id}`, read);
      expect(response.status()).toBe(200);
      return (await response.json()) as Record<string, unknown> & { reminders: unknown[] };
    },
    patch: async (id: string, body: Record<string, unknown>) => {
      const response = await request.patch(`/api/v1/tasks/${id}`, { headers, data: body });
      expect(response.status()).toBe(200);
      return (await response.json()) as { id: string; version: number };
    },
  };
}
