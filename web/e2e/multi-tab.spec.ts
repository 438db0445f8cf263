import { test } from '@playwright/test';
import { addTask, expect, open, signUp } from './fixtures.ts';

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
