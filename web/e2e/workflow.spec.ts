import { addTask, apiAs, expect, logIn, open, signUp } from './fixtures.ts';
import { test } from '@playwright/test';

test('the seed workflow: sign up, log in, create, view, edit, complete, delete, log out', async ({
  page,
}) => {
  const { email } = await signUp(page, 'workflow');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, email);
  await expect(page).toHaveURL(/\/$/);

  await addTask(page, 'Buy milk');
  await addTask(page, '  Call mom  ');
  await expect(page.getByRole('checkbox', { name: 'Call mom', exact: true })).toBeVisible();
  await expect(page.getByText('2 tasks left')).toBeVisible();

  // Edit in place: double-click the title, type, Enter.
  await page.getByText('Buy milk', { exact: true }).dblclick();
  const edit = page.getByRole('textbox', { name: /title/i });
  await edit.fill('Buy oat milk');
  await edit.press('Enter');
  await expect(page.getByRole('checkbox', { name: 'Buy oat milk' })).toBeVisible();

  // The details view edits everything else.
  await page.getByRole('button', { name: 'Details for Buy oat milk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Task details' });
  await dialog.getByLabel('Priority').selectOption('High');
  await dialog.getByLabel('Tags').fill('home, errands');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('#errands', { exact: true })).toBeVisible();

  await page.getByRole('checkbox', { name: 'Buy oat milk' }).check();
  await expect(page.getByText('1 task left')).toBeVisible();

  await page.getByRole('button', { name: 'Delete Call mom' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('checkbox', { name: 'Call mom' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete Call mom' }).click();
  await page.getByRole('button', { name: 'Dismiss notification' }).click();
  await expect(page.getByRole('checkbox', { name: 'Call mom' })).toBeHidden();

  const api = await apiAs(page);
  await expect.poll(() => api.listTitles()).toEqual(['Buy oat milk']);
  await open(page, '/');
  await expect(page.getByRole('checkbox', { name: 'Buy oat milk' })).toBeChecked();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await open(page, '/');
  await expect(page).toHaveURL(/\/login$/);
});

test('a second user sees none of the first user’s tasks', async ({ browser }) => {
  const first = await browser.newPage();
  await signUp(first, 'first');
  await addTask(first, 'First user’s secret');
  const second = await browser.newPage();
  await signUp(second, 'second');
  await expect(second.getByText('No tasks yet')).toBeVisible();
  expect(await (await apiAs(second)).listTitles()).toEqual([]);
  await first.close();
  await second.close();
});
