import { test } from '@playwright/test';
import { apiAs, expect, signUp } from './fixtures.ts';
import { recordShownNotifications, serviceWorkerOf, type Shown } from './sw-harness.ts';

// The in-tab path of reminders (issue 13): an open tab reads /reminders/upcoming and shows each
// one at its time, as a system notification tagged with the occurrence when allowed, else as a
// toast. The reminder is set a few seconds ahead through the API.

const soon = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const inAnHour = () => soon(3600);

test('with notifications allowed, the tab shows a reminder as a notification tagged by its occurrence', async ({
  browser,
}) => {
  const context = await browser.newContext({ permissions: ['notifications'] });
  // What the tab shows, as it hands it to the browser (sw-harness.ts says why not read back).
  await context.addInitScript(recordShownNotifications);
  const page = await context.newPage();
  await signUp(page, 'remind-on');
  const api = await apiAs(page);
  const task = await api.create({
    title: 'Stretch',
    due_at: inAnHour(),
    reminders: [{ at: soon(4) }],
  });
  await page.reload();
  await page.waitForSelector('html[data-hydrated="true"]');
  const shown = () =>
    page.evaluate(() => [
      ...(
        self as unknown as { shownNotifications: Map<string, Shown> }
      ).shownNotifications.values(),
    ]);
  await expect.poll(shown, { timeout: 20_000 }).toHaveLength(1);
  const [note] = await shown();
  expect(note).toMatchObject({ title: 'Stretch', data: { task_id: task.id } });
  expect(note!.body).toMatch(/^due in (59|60) minutes$/);
  expect(note!.tag).toMatch(new RegExp(`^${task.id}:\\d+$`));
  await expect(page.getByText('Reminder: Stretch')).toHaveCount(0);
  await context.close();
});

test('without permission, the tab shows the reminder as a toast; the account page says why', async ({
  page,
}) => {
  await signUp(page, 'remind-off');
  const api = await apiAs(page);
  await api.create({ title: 'Drink water', due_at: inAnHour(), reminders: [{ at: soon(3) }] });
  await page.reload();
  await expect(page.getByText(/^Reminder: Drink water — due in (59|60) minutes$/)).toBeVisible({
    timeout: 20_000,
  });
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('button', { name: 'Turn on reminders' })).toBeVisible();
  await expect(page.getByText('Off on this browser.')).toBeVisible();
});

test('reminders are edited in the task details', async ({ page }) => {
  await signUp(page, 'remind-edit');
  const api = await apiAs(page);
  await api.create({ title: 'Pay rent', due_at: inAnHour() });
  await page.reload();
  await page
    .getByRole('button', { name: /details/i })
    .first()
    .click();
  const add = page.getByLabel('Add a reminder');
  await add.selectOption({ label: '30 minutes before' });
  await add.selectOption({ label: '1 day before' });
  await add.selectOption({ label: 'Minutes before…' });
  await page.getByLabel('Minutes before the due time').fill('45');
  await page.getByRole('group', { name: 'Reminders' }).getByRole('button', { name: 'Add' }).click();
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Save' }).click();
  const body = (await (await saved).json()) as { reminders: unknown[] };
  expect(body.reminders).toEqual([
    { before_minutes: 30 },
    { before_minutes: 1440 },
    { before_minutes: 45 },
  ]);
});

test('the service worker shows a push; Done, Snooze and a click act on the server and the tab', async ({
  browser,
}) => {
  const context = await browser.newContext({ permissions: ['notifications'] });
  const page = await context.newPage();
  await signUp(page, 'remind-sw');
  const api = await apiAs(page);
  const task = await api.create({
    title: 'Water the plants',
    due_at: inAnHour(),
    recurrence: { rrule: 'FREQ=DAILY' },
  });
  await page.reload();
  const sw = await serviceWorkerOf(context, page);
  const push = {
    occurrence: `${task.id}:1`,
    task_id: task.id,
    task_occurrence: 1,
    title: 'Water the plants',
    urgency: 'due in 60 minutes',
  };
  const showPush = async () => {
    await sw.push(push);
    await expect.poll(sw.shown).toHaveLength(1);
  };

  await showPush();
  expect(await sw.shown()).toEqual([
    {
      title: 'Water the plants',
      body: 'due in 60 minutes',
      tag: push.occurrence,
      data: { task_id: task.id, task_occurrence: 1 },
      actions: [
        { action: 'done', title: 'Done' },
        { action: 'snooze', title: 'Snooze 10 min' },
      ],
    },
  ]);

  const before = Date.now();
  await sw.click('snooze');
  expect(await sw.shown()).toEqual([]);
  const snoozed = await api.get(task.id);
  expect(snoozed.reminders).toHaveLength(1);
  const at = Date.parse((snoozed.reminders[0] as { at: string }).at);
  expect(at).toBeGreaterThanOrEqual(before + 10 * 60_000);
  expect(at).toBeLessThanOrEqual(Date.now() + 10 * 60_000);

  // Done twice (a second device, a retried click): the one occurrence is completed once.
  await showPush();
  await sw.click('done');
  await showPush();
  await sw.click('done');
  expect(await api.get(task.id)).toMatchObject({ occurrence: 2, completed: false });

  await showPush();
  await sw.click('');
  await expect(page).toHaveURL(new RegExp(`/\\?task=${task.id}$`));
  await context.close();
});
