import { test } from '@playwright/test';
import {
  accessToken,
  addTask,
  expect,
  logIn,
  open,
  PASSWORD,
  signUp,
  uniqueEmail,
} from './fixtures.ts';

test('a signed-out visit goes to /login and, after logging in, back to where it was', async ({
  page,
}) => {
  const { email } = await signUp(page, 'return');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.goto('/?status=completed&sort=title');
  await expect(page).toHaveURL(/\/login\?redirect=%2F%3Fstatus%3Dcompleted%26sort%3Dtitle$/);
  await page.waitForSelector('html[data-hydrated="true"]');
  await expect(page.getByText('Your session has ended')).toBeHidden();
  await logIn(page, email);
  await expect(page).toHaveURL(/\/\?status=completed&sort=title$/);
  await expect(page.getByRole('link', { name: 'Completed' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});

test('a session that ended elsewhere leads to /login with a message, then back', async ({
  page,
}) => {
  const { email } = await signUp(page, 'ended');
  await open(page, '/?status=pending');
  // Settled: no token request of the page's own may race the session's end below.
  await expect(page.getByText('No tasks match these filters.')).toBeVisible();
  // End the page's own session from outside the UI: the browser keeps a cookie the API no
  // longer honours, as after a revocation on another device or an expiry.
  const headers = { authorization: `Bearer ${await accessToken(page)}` };
  const list = await page.request.get('/api/v1/sessions', { headers });
  const { sessions } = (await list.json()) as { sessions: { id: string; current: boolean }[] };
  const current = sessions.find((session) => session.current)!;
  const ended = await page.request.delete(`/api/v1/sessions/${current.id}`, { headers });
  expect(ended.status()).toBe(204);

  await page.reload();
  await expect(page).toHaveURL(/\/login\?redirect=%2F%3Fstatus%3Dpending&reason=expired$/);
  await expect(page.getByText('Your session has ended. Please log in again.')).toBeVisible();
  await page.waitForSelector('html[data-hydrated="true"]');
  await logIn(page, email);
  await expect(page).toHaveURL(/\/\?status=pending$/);
  await expect(page.getByText('No tasks match these filters.')).toBeVisible();
});

test('sign-up shows the password policy and the server’s errors beside the fields', async ({
  page,
}) => {
  const { email } = await signUp(page, 'taken');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await open(page, '/signup');

  const rules = page.getByRole('list', { name: 'Password needs' });
  await expect(rules).toContainText('at least 8 characters (not met yet)');
  await page.getByLabel('Password', { exact: true }).fill('longenough');
  await expect(rules).toContainText('at least 8 characters (met)');
  await expect(rules).toContainText('at least one upper-case letter (not met yet)');

  await page.getByLabel('Email').fill(uniqueEmail('weak'));
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText('Password needs at least one upper-case letter')).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText('That email is already registered.')).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test('a wrong password is refused with a message', async ({ page }) => {
  const { email } = await signUp(page, 'wrong');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForSelector('html[data-hydrated="true"]');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('Not-The-Password-1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('Invalid email or password.')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});

test('the access token is refreshed before it expires, without the user noticing', async ({
  page,
}) => {
  await page.clock.install();
  await signUp(page, 'refresh');
  await addTask(page, 'Before the refresh');
  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/token'));
  // Tokens live 15 minutes; the page asks for a new one a minute before that.
  await page.clock.fastForward('14:30');
  expect((await refreshed).status()).toBe(200);
  await addTask(page, 'After the refresh');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('alert')).toBeEmpty();
});
