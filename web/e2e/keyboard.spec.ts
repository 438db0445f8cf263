import { test } from '@playwright/test';
import { apiAs, expect, signUp } from './fixtures.ts';

test('everything works from the keyboard alone', async ({ page }) => {
  await signUp(page, 'keys');
  const keyboard = page.keyboard;
  await page.locator('body').click({ position: { x: 1, y: 1 } });

  // n: new task; Enter adds it; the field stays focused for the next one.
  await keyboard.press('n');
  await expect(page.getByLabel('New task')).toBeFocused();
  await keyboard.type('First by keyboard');
  await keyboard.press('Enter');
  await keyboard.type('Second by keyboard');
  await keyboard.press('Enter');
  await expect(page.getByRole('checkbox', { name: 'Second by keyboard' })).toBeVisible();
  await expect(page.getByText('2 tasks left')).toBeVisible();
  const api = await apiAs(page);
  const server = async (title: string) => await api.byTitle(title);

  // A create is undone too: z (outside the field) deletes it again, on the server as well.
  await keyboard.type('Third, undone');
  await keyboard.press('Enter');
  await expect(page.getByText('Added “Third, undone”')).toBeVisible();
  await keyboard.press('Escape');
  await page.getByLabel('New task').blur();
  await keyboard.press('z');
  await expect(page.getByRole('checkbox', { name: 'Third, undone' })).toBeHidden();
  await expect.poll(() => server('Third, undone')).toBeUndefined();
  await expect(page.getByText('2 tasks left')).toBeVisible();

  // j/k move the selection through the list (newest first).
  await keyboard.press('j');
  const rows = page.getByRole('list', { name: 'Tasks' }).getByRole('listitem');
  await expect(rows.nth(0)).toBeFocused();
  await keyboard.press('j');
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');
  await keyboard.press('k');
  await expect(rows.nth(0)).toBeFocused();

  // x toggles the selected task; z undoes that, on the server too (an ordinary write).
  await keyboard.press('x');
  await expect(page.getByRole('checkbox', { name: 'Second by keyboard' })).toBeChecked();
  await expect(page.getByText('1 task left')).toBeVisible();
  await keyboard.press('z');
  await expect(page.getByRole('checkbox', { name: 'Second by keyboard' })).not.toBeChecked();
  await expect.poll(async () => (await server('Second by keyboard'))?.completed).toBe(false);
  await keyboard.press('x');
  await expect(page.getByText('1 task left')).toBeVisible();

  // e edits its title in place; Enter saves; Escape would cancel.
  await keyboard.press('e');
  const edit = page.getByRole('textbox', { name: /title/i });
  await expect(edit).toBeFocused();
  await keyboard.press('Control+A');
  await keyboard.type('Second, renamed');
  await keyboard.press('Enter');
  await expect(page.getByRole('checkbox', { name: 'Second, renamed' })).toBeVisible();
  // Ctrl+Z (Cmd+Z on a mac) undoes the rename; the next one is kept.
  await keyboard.press('Control+z');
  await expect(page.getByRole('checkbox', { name: 'Second by keyboard' })).toBeVisible();
  await expect.poll(async () => (await server('Second by keyboard'))?.completed).toBe(true);
  await expect.poll(() => server('Second, renamed')).toBeUndefined();
  await keyboard.press('e');
  await keyboard.press('Control+A');
  await keyboard.type('Second, renamed');
  await keyboard.press('Enter');
  await expect(page.getByRole('checkbox', { name: 'Second, renamed' })).toBeVisible();
  await keyboard.press('e');
  await keyboard.type(' (not kept)');
  await keyboard.press('Escape');
  await expect(page.getByRole('checkbox', { name: 'Second, renamed' })).toBeVisible();

  // Delete deletes the selected task, on the server at once; z brings it back (a restore: the
  // same task, one version on), and so does the Undo button, reachable from the keyboard.
  await expect(rows.nth(0)).toBeFocused();
  // The row shows the rename before its write is answered: wait for the server to have it.
  await expect.poll(() => server('Second, renamed')).toBeDefined();
  const renamed = await server('Second, renamed');
  await keyboard.press('Delete');
  await expect(page.getByRole('checkbox', { name: 'Second, renamed' })).toBeHidden();
  await expect.poll(() => server('Second, renamed')).toBeUndefined();
  await keyboard.press('z');
  await expect(page.getByRole('checkbox', { name: 'Second, renamed' })).toBeVisible();
  await expect
    .poll(async () => (await server('Second, renamed'))?.version)
    .toBe(Number(renamed?.version) + 1);
  expect((await server('Second, renamed'))?.id).toBe(renamed?.id);
  await rows.nth(0).focus();
  await keyboard.press('Delete');
  await expect(page.getByRole('checkbox', { name: 'Second, renamed' })).toBeHidden();
  await expect(rows.nth(0)).toBeFocused();
  await page.getByRole('button', { name: 'Undo' }).focus();
  await keyboard.press('Enter');
  await expect(page.getByRole('checkbox', { name: 'Second, renamed' })).toBeVisible();

  // /: search, results as you type, in the URL.
  await page.getByRole('checkbox', { name: 'First by keyboard' }).focus();
  await keyboard.press('/');
  await expect(page.getByLabel('Search tasks')).toBeFocused();
  await keyboard.type('first');
  await expect(page).toHaveURL(/\?q=first$/);
  await expect(page.getByRole('checkbox', { name: 'Second, renamed' })).toBeHidden();
  await expect(page.getByRole('checkbox', { name: 'First by keyboard' })).toBeVisible();
  expect(await api.listTitles()).toHaveLength(2);
});

test('the help dialog lists the shortcuts, traps focus and gives it back', async ({ page }) => {
  await signUp(page, 'help');
  const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('New task');
  await expect(dialog).toContainText('Delete the selected task');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    const inside = await dialog.evaluate((node) => node.contains(document.activeElement));
    const onChrome = await page.evaluate(() => document.activeElement === document.body);
    expect(inside || onChrome).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await page.locator('main').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
