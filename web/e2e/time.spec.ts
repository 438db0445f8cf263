import { test, type Page, type Request } from '@playwright/test';
import { accessToken, apiAs, expect, LIVE_FOLLOWER, logIn, open, signUp } from './fixtures.ts';

// Dates are written as en-US writes them; each context's zone is set where it matters.
test.use({ locale: 'en-US', timezoneId: 'Europe/London' });

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A day as the picker's preview writes it (en-US, the year only when it is not this one). */
const dayText = (date: string) =>
  new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(date.slice(0, 4) === String(new Date().getFullYear()) ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(Date.parse(`${date}T00:00:00Z`));

/** Types into the new-task field and presses Enter; answers the created task. */
async function quickAdd(page: Page, text: string) {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/tasks') && r.request().method() === 'POST',
  );
  await page.getByLabel('New task').fill(text);
  await page.getByLabel('New task').press('Enter');
  const response = await saved;
  expect(response.status()).toBe(201);
  return (await response.json()) as { title: string; due_date: string | null };
}

test('quick add a repeating task, complete it: it moves to its next day and keeps a history', async ({
  page,
}) => {
  await signUp(page, 'time-quick-add');
  const chips = page.getByRole('list', { name: 'Understood from the title' });

  // A title that merely contains a date keeps it: remove the chip by keyboard before Enter.
  await page.getByLabel('New task').fill('Review next friday');
  await expect(chips.getByRole('listitem')).toHaveCount(1);
  await expect(chips).toContainText('Due Fri');
  await page.getByLabel('New task').press('Tab'); // Options
  await page.keyboard.press('Tab'); // Add
  await page.keyboard.press('Tab'); // the chip's remove button
  await expect(page.getByRole('button', { name: /^Remove Due Fri/ })).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(chips).toBeHidden();
  await expect(page.getByText('“next friday” stays in the title')).toBeAttached();
  await expect(page.getByLabel('New task')).toBeFocused();
  const kept = await quickAdd(page, 'Review next friday');
  expect(kept).toMatchObject({ title: 'Review next friday', due_date: null });

  await page.getByLabel('New task').fill('Water plants every 3 days');
  await expect(chips).toContainText('Repeats every 3 days');
  const created = await quickAdd(page, 'Water plants every 3 days');
  expect(created.title).toBe('Water plants');
  const first = created.due_date!;
  const row = page.getByRole('listitem').filter({ hasText: 'Water plants' });
  await expect(row.locator(`[data-due="${first}"]`)).toBeVisible();

  // Completing it is one request: the answer is the task on its next occurrence.
  const sent: string[] = [];
  const record = (request: Request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/') && !LIVE_FOLLOWER.test(pathname)) {
      sent.push(`${request.method()} ${pathname}`);
    }
  };
  page.on('request', record);
  const completed = page.waitForResponse((r) => r.url().endsWith('/complete'));
  // click, not check(): the answer puts the box back unticked, on the next occurrence.
  await page.getByRole('checkbox', { name: 'Water plants' }).click();
  expect((await completed).status()).toBe(200);
  const next = addDays(first, 3);
  await expect(row.locator(`[data-due="${next}"]`)).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Water plants' })).not.toBeChecked();
  await expect(page.getByText('“Water plants” done. Next due')).toBeVisible();
  page.off('request', record);
  expect(sent).toEqual([expect.stringMatching(/^POST \/api\/v1\/tasks\/[0-9a-f-]{36}\/complete$/)]);

  // z puts the done occurrence back (on the server too); completing it again moves it on again.
  const api = await apiAs(page);
  await page.keyboard.press('z');
  await expect(row.locator(`[data-due="${first}"]`)).toBeVisible();
  await expect
    .poll(() => api.byTitle('Water plants'))
    .toMatchObject({ occurrence: 1, due_date: first });
  await page.getByRole('checkbox', { name: 'Water plants' }).click();
  await expect(row.locator(`[data-due="${next}"]`)).toBeVisible();

  await page.getByRole('button', { name: 'Details for Water plants' }).click();
  const dialog = page.getByRole('dialog', { name: 'Task details' });
  await expect(dialog.getByLabel('Due date', { exact: true })).toHaveValue(next);
  await expect(dialog.getByLabel('Repeats')).toHaveValue('custom');
  const history = dialog.getByRole('list', { name: 'Done so far, newest first' });
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history).toContainText('#1');
  await expect(history).toContainText('Done');

  // Skip moves it on again without doing it; stop ends the series where it is.
  await dialog.getByRole('button', { name: 'Skip this one' }).click();
  await expect(dialog.getByLabel('Due date', { exact: true })).toHaveValue(addDays(first, 6));
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('Skipped');
  // The drawer is modal: its undo is on offer once it closes (the toast's button, or z).
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(row.locator(`[data-due="${next}"]`)).toBeVisible();
  await expect
    .poll(() => api.byTitle('Water plants'))
    .toMatchObject({ occurrence: 2, due_date: next });
  await page.getByRole('button', { name: 'Details for Water plants' }).click();
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Skip this one' }).click();
  await expect(dialog.getByLabel('Due date', { exact: true })).toHaveValue(addDays(first, 6));

  // Edit the rule in the picker: every 3 days becomes weekly on Monday and Thursday, from the
  // current occurrence on; the preview and the server agree on what comes next.
  const current = addDays(first, 6);
  await dialog.getByLabel('Repeats').selectOption('weekly');
  for (const day of ['Monday', 'Thursday'])
    await dialog.getByRole('checkbox', { name: day, exact: true }).check();
  for (const day of ['Tuesday', 'Wednesday', 'Friday', 'Saturday', 'Sunday']) {
    await dialog.getByRole('checkbox', { name: day, exact: true }).uncheck();
  }
  const mondaysAndThursdays = Array.from({ length: 21 }, (_, days) => addDays(current, days + 1))
    .filter((date) => [1, 4].includes(new Date(`${date}T00:00:00Z`).getUTCDay()))
    .slice(0, 5);
  const previewed = dialog.getByRole('list', { name: /^The next 5 after/ });
  await expect(previewed.getByRole('listitem')).toHaveText(mondaysAndThursdays.map(dayText));
  const patched = page.waitForResponse((r) => r.request().method() === 'PATCH');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const edited = (await (await patched).json()) as { due_date: string; recurrence: unknown };
  expect(edited).toMatchObject({
    due_date: current,
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', repeat_from: 'due' },
  });
  await page.getByRole('button', { name: 'Details for Water plants' }).click();
  await expect(dialog.getByLabel('Repeats')).toHaveValue('weekly');
  await expect(dialog.getByRole('checkbox', { name: 'Thursday', exact: true })).toBeChecked();
  await expect(previewed.getByRole('listitem')).toHaveText(mondaysAndThursdays.map(dayText));

  await dialog.getByRole('button', { name: 'Stop repeating' }).click();
  await expect(history).toBeHidden();
  await expect(dialog.getByRole('button', { name: 'Repeat…' })).toBeVisible();
  await expect(row.locator(`[data-due="${current}"]`)).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => (await api.byTitle('Water plants'))?.recurrence)
    .toMatchObject({ rrule: 'FREQ=WEEKLY;BYDAY=MO,TH' });
});

test('an all-day task and a timed task in another zone show their own day', async ({ browser }) => {
  const auckland = await browser.newPage({ timezoneId: 'Pacific/Auckland' });
  const { email } = await signUp(auckland, 'time-zones');
  const api = await apiAs(auckland);
  // The user's zone is Auckland's (the browser's, set on first sign-in); the all-day task floats.
  const headers = { authorization: `Bearer ${await accessToken(auckland)}` };
  const me = async () => await (await auckland.request.get('/api/v1/me', { headers })).json();
  await expect.poll(async () => (await me()).time_zone).toBe('Pacific/Auckland');
  await api.create({ title: 'All day', due_date: '2026-12-10' });
  await api.create({
    title: 'Timed',
    due_date: '2026-12-10',
    due_time: '23:30',
    time_zone: 'America/Los_Angeles',
  });

  const check = async (page: Page) => {
    const allDay = page.getByRole('listitem').filter({ hasText: 'All day' });
    await expect(allDay.getByText(/^Due/)).toHaveText('Due Thu, Dec 10');
    const timed = page.getByRole('listitem').filter({ hasText: 'Timed' });
    // 23:30 in Los Angeles is 07:30 UTC the next day, 20:30 in Auckland.
    await expect(timed.getByText(/^Due/)).toHaveText(
      /^Due Thu, Dec 10, 11:30\sPM\sLos Angeles time\s+\(Fri, Dec 11, 8:30\sPM your time\)$/,
    );
  };
  await open(auckland, '/');
  await check(auckland);

  // Today and Upcoming, from the sidebar, in the user's zone: overdue first, then by day.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format();
  await api.create({ title: 'Late one', due_date: addDays(today, -2) });
  await api.create({ title: 'Now one', due_date: today });
  await api.create({ title: 'Next one', due_date: addDays(today, 1) });
  const nav = auckland.getByRole('navigation', { name: 'Views and lists' });
  await nav.getByRole('link', { name: 'Today' }).click();
  await expect(auckland.getByRole('heading', { name: 'Today', level: 2 })).toBeVisible();
  const group = (page: Page, name: string) => page.getByRole('list', { name, exact: true });
  await expect(group(auckland, 'Overdue')).toContainText('Late one');
  await expect(group(auckland, 'Overdue')).toContainText('Overdue ·');
  await expect(group(auckland, 'Today')).toContainText('Now one');
  await expect(auckland.getByText('Next one')).toBeHidden();
  // A task added here without a day is due today, Auckland's today, and stays on the page.
  expect(await quickAdd(auckland, 'Buy stamps')).toMatchObject({ due_date: today });
  await expect(group(auckland, 'Today')).toContainText('Buy stamps');
  await nav.getByRole('link', { name: 'Upcoming' }).click();
  await expect(auckland.getByRole('heading', { name: 'Upcoming', level: 2 })).toBeVisible();
  await expect(group(auckland, 'Today')).toContainText('Now one');
  await expect(group(auckland, 'Tomorrow')).toContainText('Next one');
  await expect(auckland.getByText('Late one')).toBeHidden();
  expect(await quickAdd(auckland, 'Post the letter')).toMatchObject({ due_date: today });
  await expect(group(auckland, 'Today')).toContainText('Post the letter');
  await open(auckland, '/');

  // The same user on a laptop in Los Angeles: the days do not move with the browser's zone.
  const losAngeles = await browser.newPage({ timezoneId: 'America/Los_Angeles' });
  await open(losAngeles, '/login');
  await logIn(losAngeles, email);
  await expect(losAngeles).toHaveURL(/\/$/);
  await check(losAngeles);
  await auckland.close();
  await losAngeles.close();
});
