import { test } from '@playwright/test';
import { accessToken, addTask, expect, logIn, open, signUp } from './fixtures.ts';

// Two browser contexts share no cookies, storage, locks or channels: two devices of one account.
// A change on one reaches the other through the change feed and its live socket, no reload.
test('a change on one device appears on the other without a reload', async ({ browser }) => {
  const phone = await (await browser.newContext()).newPage();
  const { email } = await signUp(phone, 'devices');
  const laptop = await (await browser.newContext()).newPage();
  const socket = laptop.waitForEvent('websocket', (ws) => ws.url().includes('/api/v1/live'));
  await open(laptop, '/login');
  await logIn(laptop, email);
  await expect(laptop.getByText('No tasks yet')).toBeVisible();
  const live = await socket;
  await expect.poll(() => live.isClosed()).toBe(false);

  let navigations = 0;
  laptop.on('framenavigated', (frame) => {
    if (frame === laptop.mainFrame()) navigations++;
  });
  await addTask(phone, 'From the phone');
  await expect(laptop.getByRole('checkbox', { name: 'From the phone' })).toBeVisible();
  await laptop.getByRole('checkbox', { name: 'From the phone' }).check();
  await expect(phone.getByRole('checkbox', { name: 'From the phone' })).toBeChecked();
  await expect(phone.getByText('0 tasks left')).toBeVisible();

  // A delete reaches the other device at once (not when the Undo offer ends), and so does the
  // undo: the task comes back there too.
  await phone.getByRole('button', { name: 'Delete From the phone' }).click();
  await expect(laptop.getByRole('checkbox', { name: 'From the phone' })).toBeHidden();
  await phone.getByRole('button', { name: 'Undo' }).click();
  await expect(laptop.getByRole('checkbox', { name: 'From the phone' })).toBeChecked();
  await expect(phone.getByRole('checkbox', { name: 'From the phone' })).toBeChecked();
  expect(navigations).toBe(0);
});

// Two members of a shared list: the invitation, a rename and the member's removal reach the
// member's screen through the feed (the owner writes through the API: only what the member sees
// is under test).
test('a member sees the list’s invitation, its new name and their removal live', async ({
  browser,
}) => {
  const owner = await (await browser.newContext()).newPage();
  await signUp(owner, 'live-owner');
  const member = await (await browser.newContext()).newPage();
  const socket = member.waitForEvent('websocket', (ws) => ws.url().includes('/api/v1/live'));
  const { email } = await signUp(member, 'live-member');
  const live = await socket;
  await expect.poll(() => live.isClosed()).toBe(false);

  const headers = { authorization: `Bearer ${await accessToken(owner)}` };
  const created = await owner.request.post('/api/v1/lists', { headers, data: { name: 'Trip' } });
  const { id } = (await created.json()) as { id: string };
  await owner.request.post(`/api/v1/lists/${id}/invitations`, {
    headers,
    data: { email, role: 'editor' },
  });
  await member.getByRole('button', { name: 'Accept the invitation to Trip' }).click();
  await expect(member).toHaveURL(new RegExp(`/lists/${id}$`));

  await owner.request.patch(`/api/v1/lists/${id}`, { headers, data: { name: 'Road trip' } });
  await expect(member.getByRole('heading', { name: 'Road trip' })).toBeVisible();
  const members = await owner.request.get(`/api/v1/lists/${id}/members`, { headers });
  const { data } = (await members.json()) as { data: { user_id: string; email: string }[] };
  const mine = data.find((item) => item.email === email)!;
  await owner.request.delete(`/api/v1/lists/${id}/members/${mine.user_id}`, { headers });
  await expect(member.getByText('“Road trip” is no longer available')).toBeVisible();
  await expect(member).toHaveURL(/\/$/);
  await expect(member.getByRole('link', { name: /^Road trip/ })).toHaveCount(0);
});
