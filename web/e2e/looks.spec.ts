import AxeBuilder from '@axe-core/playwright';
import { test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { accessToken, apiAs, expect, open, signUp } from './fixtures.ts';
import { targetFromEnv } from './target.ts';

const THEMES = ['light', 'dark'] as const;
const WIDTHS = { phone: { width: 360, height: 780 }, desktop: { width: 1280, height: 860 } };
const SHOTS = `e2e/artifacts/screenshots/${targetFromEnv()}`;
mkdirSync(SHOTS, { recursive: true });

/** Serious and critical WCAG 2.2 AA violations axe finds on the page as it is now. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    // The page has no frames: running axe in place skips the extra page the default opens.
    .setLegacyMode(true)
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Checks the page with axe (at both widths) and photographs it at each. */
async function checkAndShoot(page: Page, name: string, theme: string) {
  for (const [label, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    expect(await seriousViolations(page), `${name} (${theme}, ${label})`).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${name}-${theme}-${label}.png`, fullPage: true });
  }
}

/** A user with a few tasks that show every kind of decoration. */
async function signUpWithTasks(page: Page, label: string) {
  await signUp(page, label);
  const api = await apiAs(page);
  await api.create({ title: 'Renew passport', priority: 'High', due_at: '2020-01-01T09:00:00Z' });
  await api.create({ title: 'Water the plants', priority: 'Low', tags: ['home'] });
  const done = await api.create({ title: 'Send invoice', tags: ['work', 'money'] });
  await api.patch(done.id, { completed: true });
  await api.create({
    title: 'Plan the summer trip with the whole family, including the grandparents',
    description: 'Flights, hotel, car',
    due_at: '2030-07-01T10:00:00Z',
    tags: ['family', 'travel'],
  });
  await open(page, '/');
  await expect(page.getByText('Overdue')).toBeVisible();
}

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test('login, sign-up and status pages are accessible', async ({ page }) => {
      await open(page, '/login');
      await checkAndShoot(page, 'login', theme);
      await open(page, '/login?reason=expired');
      await checkAndShoot(page, 'login-expired', theme);
      await open(page, '/signup');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expect(page.getByText('Password needs at least 8 characters')).toBeVisible();
      await checkAndShoot(page, 'signup-errors', theme);
      await open(page, '/status');
      await expect(page.getByText('All systems go.')).toBeVisible();
      await checkAndShoot(page, 'status', theme);
    });

    test('the account page, with its errors showing, is accessible', async ({ page }) => {
      await signUp(page, 'looks-account');
      await open(page, '/account');
      await expect(page.getByText('(this device)')).toBeVisible();
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(page.locator('#current-password-error')).toBeVisible();
      await checkAndShoot(page, 'account-errors', theme);
    });

    test('the tasks page, empty and with tasks, is accessible', async ({ page }) => {
      await signUp(page, `looks-${theme}`);
      await checkAndShoot(page, 'tasks-empty', theme);
      await signUpWithTasks(page, `looks-full-${theme}`);
      await page.getByRole('list', { name: 'Tasks' }).getByRole('listitem').first().focus();
      await checkAndShoot(page, 'tasks', theme);
      await page.getByRole('button', { name: 'Options' }).click();
      await checkAndShoot(page, 'tasks-new-options', theme);
    });

    test('the dialogs and toasts are accessible', async ({ page }) => {
      await signUpWithTasks(page, `looks-dialogs-${theme}`);
      await page.getByRole('button', { name: 'Details for Water the plants' }).click();
      await expect(page.getByRole('dialog', { name: 'Task details' })).toBeVisible();
      await checkAndShoot(page, 'task-details', theme);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await checkAndShoot(page, 'help', theme);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Delete Water the plants' }).hover();
      await page.getByRole('button', { name: 'Delete Water the plants' }).click();
      // Hovering the toast pauses its undo window while it is checked and photographed.
      await page.getByRole('button', { name: 'Undo' }).hover();
      await checkAndShoot(page, 'tasks-undo-toast', theme);
    });

    test('a list’s settings and share dialogs, and the phone drawer, are accessible', async ({
      page,
    }) => {
      await signUp(page, `looks-lists-${theme}`);
      const created = await page.request.post('/api/v1/lists', {
        headers: { authorization: `Bearer ${await accessToken(page)}` },
        data: { name: 'Errands', color: 'teal' },
      });
      const { id } = (await created.json()) as { id: string };
      await open(page, `/lists/${id}`);
      await page.getByRole('button', { name: 'List settings' }).click();
      await checkAndShoot(page, 'list-settings', theme);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /^Share/ }).click();
      await expect(page.getByRole('dialog', { name: /^Share/ })).toContainText('— you');
      await checkAndShoot(page, 'share', theme);
      await page.keyboard.press('Escape');
      await page.setViewportSize(WIDTHS.phone);
      await page.getByRole('button', { name: 'Menu', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible();
      expect(await seriousViolations(page), `drawer (${theme})`).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/drawer-${theme}-phone.png` });
    });
  });
}

test('the theme toggle overrides the system and persists', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page, '/login');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'system');
  await page.getByRole('button', { name: /Theme: System/ }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: /Theme: Light/ }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const background = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await expect.poll(background).toBe('rgb(2, 6, 23)');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: /Theme: Dark/ })).toBeVisible();
  await expect.poll(background).toBe('rgb(2, 6, 23)');
});
