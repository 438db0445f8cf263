import { test, type Page } from '@playwright/test';
import { accessToken, addTask, apiAs, expect, signUp } from './fixtures.ts';

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Views and lists' });
/** The names of the sidebar's active lists, in order. */
const listNames = (page: Page) =>
  sidebar(page)
    .getByRole('list', { name: 'Lists' })
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.querySelector('.truncate')?.textContent));

/** Creates a list from the sidebar by keyboard and waits for its page. */
async function createList(page: Page, name: string) {
  await sidebar(page).getByRole('button', { name: 'New list' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New list' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
  await expect(page).toHaveURL(/\/lists\/[0-9a-f-]{36}$/);
}

test('lists by keyboard: create, reorder, rename and colour, counts, move tasks, archive, delete', async ({
  page,
}) => {
  await signUp(page, 'lists');
  await expect.poll(() => listNames(page)).toEqual(['Inbox']);
  await createList(page, 'Groceries');
  await createList(page, 'Work');
  await expect.poll(() => listNames(page)).toEqual(['Inbox', 'Groceries', 'Work']);

  // Alt+ArrowUp moves the focused list; the order is the user's, kept by the API.
  const work = sidebar(page).getByRole('link', { name: /^Work/ });
  await work.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => listNames(page)).toEqual(['Inbox', 'Work', 'Groceries']);
  await expect(work).toBeFocused();
  await page.reload();
  await expect.poll(() => listNames(page)).toEqual(['Inbox', 'Work', 'Groceries']);

  // A task added here counts in the sidebar; completing it counts it out (no extra request).
  await addTask(page, 'Write the report');
  await expect(work).toHaveAccessibleName(/1 open/);
  await page.getByRole('checkbox', { name: 'Write the report' }).check();
  await expect(work).not.toHaveAccessibleName(/open/);
  await page.getByRole('checkbox', { name: 'Write the report' }).uncheck();

  // Rename and recolour in the settings dialog, by keyboard.
  await page.getByRole('button', { name: 'List settings' }).focus();
  await page.keyboard.press('Enter');
  const settings = page.getByRole('dialog', { name: 'List settings' });
  await settings.getByLabel('Name').fill('Office');
  await settings.getByRole('radio', { name: 'gray' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(settings.getByRole('radio', { name: 'red' })).toBeChecked();
  await settings.getByRole('button', { name: 'Save' }).focus();
  await page.keyboard.press('Enter');
  await expect(settings).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Office', level: 2 })).toBeVisible();
  const office = sidebar(page).getByRole('link', { name: /^Office/ });
  await expect(office).toHaveAccessibleName(/1 open/);

  // Move to another list from the details: it leaves this list, its count goes along.
  await page.getByRole('button', { name: 'Details for Write the report' }).click();
  const details = page.getByRole('dialog', { name: 'Task details' });
  await details.getByLabel('List').selectOption({ label: 'Groceries' });
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('checkbox', { name: 'Write the report' })).toBeHidden();
  const groceries = sidebar(page).getByRole('link', { name: /^Groceries/ });
  await expect(groceries).toHaveAccessibleName(/1 open/);
  await expect(office).not.toHaveAccessibleName(/open/);
  // z moves it back (the server too); saving again moves it once more.
  await page.keyboard.press('z');
  await expect(page.getByRole('checkbox', { name: 'Write the report' })).toBeVisible();
  await expect(office).toHaveAccessibleName(/1 open/);
  const officeId = new URL(page.url()).pathname.split('/').pop();
  const api = await apiAs(page);
  await expect.poll(async () => (await api.byTitle('Write the report'))?.list_id).toBe(officeId);
  await page.getByRole('button', { name: 'Details for Write the report' }).click();
  await details.getByLabel('List').selectOption({ label: 'Groceries' });
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(groceries).toHaveAccessibleName(/1 open/);

  // Bulk move: choose tasks in the Inbox, move them all in one request.
  const token = await accessToken(page);
  for (const title of ['Milk', 'Bread']) {
    const response = await page.request.post('/api/v1/tasks', {
      headers: { authorization: `Bearer ${token}` },
      data: { title },
    });
    expect(response.status()).toBe(201);
  }
  await sidebar(page)
    .getByRole('link', { name: /^Inbox/ })
    .click();
  await page.getByRole('button', { name: 'Choose tasks…' }).click();
  await page.getByRole('checkbox', { name: 'Choose Milk', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Choose Bread', exact: true }).check();
  const bar = page.getByRole('form', { name: 'Move selected tasks' });
  await expect(bar).toContainText('2 selected');
  await bar.getByLabel('Move to').selectOption({ label: 'Groceries' });
  const moved = page.waitForResponse((r) => r.url().endsWith('/api/v1/tasks/bulk'));
  await bar.getByRole('button', { name: 'Move' }).click();
  expect((await moved).status()).toBe(200);
  await expect(page.getByText('Moved 2 tasks to “Groceries”')).toBeVisible();
  await expect(page.getByText('No tasks yet')).toBeVisible();
  await expect(groceries).toHaveAccessibleName(/3 open/);
  // Undo moves them back, on the server too.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('checkbox', { name: 'Milk', exact: true })).toBeVisible();
  const groceriesId = (await groceries.getAttribute('href'))?.split('/').pop();
  await expect.poll(() => api.listTitles(`?list_id=${groceriesId}`)).toEqual(['Write the report']);

  // Archive, then delete with confirmation.
  await groceries.click();
  await page.getByRole('button', { name: 'List settings' }).click();
  await settings.getByRole('button', { name: 'Archive list' }).click();
  await expect(settings).toBeHidden();
  await expect.poll(() => listNames(page)).toEqual(['Inbox', 'Office']);
  await expect(sidebar(page).getByText('Archived (1)')).toBeVisible();
  await page.getByRole('button', { name: 'List settings' }).click();
  await settings.getByRole('button', { name: 'Delete list…' }).click();
  await expect(settings.getByRole('button', { name: 'Keep the list' })).toBeFocused();
  await settings.getByRole('button', { name: 'Delete for good' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(sidebar(page).getByText('Archived (1)')).toBeHidden();
  const left = await page.request.get('/api/v1/lists', {
    headers: { authorization: `Bearer ${token}` },
  });
  const names = ((await left.json()) as { data: { name: string }[] }).data.map((l) => l.name);
  expect(names.sort()).toEqual(['Inbox', 'Office']);
});

test('on a phone the lists are in a drawer that holds and gives back focus', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await signUp(page, 'drawer');
  await expect(sidebar(page)).toBeHidden();
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  await menu.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Menu' });
  await expect(drawer).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  expect(await drawer.evaluate((node) => node.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await drawer.getByRole('link', { name: /^Inbox/ }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Inbox', level: 2 })).toBeVisible();
});
