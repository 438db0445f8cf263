import { test } from '@playwright/test';
import { expect, logIn, open, PASSWORD, signUp } from './fixtures.ts';

const NEW_PASSWORD = 'Battery-Staple-7';

test('the account page lists devices, signs out everywhere else and changes the password', async ({
  page,
  browser,
}) => {
  const { email } = await signUp(page, 'account');
  // A second device: another browser context with its own cookie jar.
  const laptop = await browser.newContext();
  const other = await laptop.newPage();
  await open(other, '/login');
  await logIn(other, email);
  await expect(other.getByText('No tasks yet')).toBeVisible();

  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const sessions = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: '(this device)' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(page.getByText('Signed out 1 other device.')).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Sign out everywhere else' })).toBeDisabled();
  // The other device's cookie no longer works: its next page load asks it to log in.
  await other.reload();
  await expect(other).toHaveURL(/\/login\?/);

  await page.getByLabel('Current password').fill('Not-the-password-1');
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The current password is not correct.')).toBeVisible();

  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill('weak');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#new-password-error')).toBeVisible();

  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed. 0 other sessions ended.')).toBeVisible();

  // Only the new password signs in now.
  await open(other, '/login');
  await other.getByLabel('Email').fill(email);
  await other.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await other.getByRole('button', { name: 'Log in' }).click();
  await expect(other.getByText('Invalid email or password.')).toBeVisible();
  await other.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
  await other.getByRole('button', { name: 'Log in' }).click();
  await expect(other.getByText('No tasks yet')).toBeVisible();
  await laptop.close();
});

test('page scripts never see a session token, and the account page needs a session', async ({
  page,
}) => {
  await signUp(page, 'account');
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith('session_token'));
  expect(session?.httpOnly).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain('session_token');

  await page.context().clearCookies();
  await open(page, '/account');
  await expect(page).toHaveURL(/\/login\?redirect=%2Faccount/);
});
