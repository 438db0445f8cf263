import { test } from '@playwright/test';
import { apiAs, expect, open, signUp } from './fixtures.ts';

test('filters, search and sort live in the URL: reload, back and forward keep them', async ({
  page,
}) => {
  await signUp(page, 'find');
  const api = await apiAs(page);
  await api.create({ title: 'Alpha report', priority: 'High', tags: ['work'] });
  await api.create({ title: 'Buy bread', priority: 'Low', tags: ['home'] });
  const done = await api.create({ title: 'Call the bank', priority: 'Medium', tags: ['home'] });
  await api.patch(done.id, { completed: true });
  await open(page, '/');
  const titles = () =>
    page
      .getByRole('list', { name: 'Tasks' })
      .getByRole('checkbox')
      .evaluateAll((boxes) => boxes.map((box) => box.getAttribute('aria-label')));
  await expect.poll(titles).toEqual(['Call the bank', 'Buy bread', 'Alpha report']);

  await page.getByRole('link', { name: 'Pending' }).click();
  await expect(page).toHaveURL(/\/\?status=pending$/);
  await expect.poll(titles).toEqual(['Buy bread', 'Alpha report']);

  await page.getByLabel('Filter by tag').selectOption('home');
  await expect(page).toHaveURL(/\/\?status=pending&tag=home$/);
  await expect.poll(titles).toEqual(['Buy bread']);

  // The status filter's "All", not the sidebar's "All tasks".
  const statuses = page.getByRole('navigation', { name: 'Filter by status' });
  await statuses.getByRole('link', { name: 'All' }).click();
  await page.getByLabel('Filter by tag').selectOption('');
  await page.getByLabel('Sort by').selectOption('title');
  await page.getByLabel('Order').selectOption('asc');
  await expect(page).toHaveURL(/\/\?sort=title&order=asc$/);
  await expect.poll(titles).toEqual(['Alpha report', 'Buy bread', 'Call the bank']);

  await page.getByLabel('Filter by priority').selectOption('High');
  await expect.poll(titles).toEqual(['Alpha report']);
  await page.reload();
  await expect(page.getByLabel('Filter by priority')).toHaveValue('High');
  await expect.poll(titles).toEqual(['Alpha report']);

  await page.goBack();
  await expect(page).toHaveURL(/\/\?sort=title&order=asc$/);
  await expect.poll(titles).toEqual(['Alpha report', 'Buy bread', 'Call the bank']);
  await page.goForward();
  await expect.poll(titles).toEqual(['Alpha report']);

  await open(page, '/?q=bread');
  await expect(page.getByLabel('Search tasks')).toHaveValue('bread');
  await expect.poll(titles).toEqual(['Buy bread']);
  await open(page, '/?q=nothing-like-this');
  await expect(page.getByText('No tasks match these filters.')).toBeVisible();
});

test('a long list loads more as you scroll, following the Link header', async ({ page }) => {
  await signUp(page, 'scroll');
  const api = await apiAs(page);
  for (let i = 1; i <= 55; i++) await api.create({ title: `Task ${String(i).padStart(2, '0')}` });
  await open(page, '/');
  const boxes = page.getByRole('list', { name: 'Tasks' }).getByRole('checkbox');
  await expect(boxes).toHaveCount(50);
  const nextPage = page.waitForResponse((r) => r.url().includes('cursor='));
  await page.getByRole('button', { name: 'Load more' }).scrollIntoViewIfNeeded();
  expect((await nextPage).status()).toBe(200);
  await expect(boxes).toHaveCount(55);
  await expect(page.getByRole('checkbox', { name: 'Task 01' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load more' })).toBeHidden();
  await expect(page.getByText('55 tasks left')).toBeVisible();
});

test('mark all complete and clear completed, each with undo', async ({ page }) => {
  await signUp(page, 'bulk');
  const api = await apiAs(page);
  for (const title of ['One', 'Two', 'Three']) await api.create({ title });
  await open(page, '/');
  await expect(page.getByText('3 tasks left')).toBeVisible();

  await page.getByRole('button', { name: 'Mark all complete' }).click();
  await expect(page.getByText('0 tasks left')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Two' })).toBeChecked();
  // The page reads nothing again after bulk work: it shows the bulk answer's tasks, whose new
  // versions the checkboxes below are sent with (the old ones would meet a 412).
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/v1/tasks') reads.push(r.url());
  });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('3 tasks left')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Two' })).not.toBeChecked();
  await expect.poll(() => api.listTitles('?status=pending')).toHaveLength(3);

  await page.getByRole('checkbox', { name: 'One' }).check();
  await page.getByRole('checkbox', { name: 'Three' }).check();
  await expect(page.getByText('1 task left')).toBeVisible();
  await expect.poll(() => api.listTitles('?status=completed')).toHaveLength(2);
  expect(reads).toEqual([]);
  // Cleared on the server at once; Undo restores them (a bulk restore, also no page read).
  await page.getByRole('button', { name: 'Clear completed' }).click();
  await expect(page.getByRole('checkbox', { name: 'One' })).toBeHidden();
  await expect(page.getByText('Cleared 2 completed tasks')).toBeVisible();
  await expect.poll(() => api.listTitles('?status=completed')).toHaveLength(0);
  reads.length = 0; // clearing read the completed tasks of every page: the undo reads none
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('checkbox', { name: 'One' })).toBeChecked();
  await expect.poll(() => api.listTitles('?status=completed')).toHaveLength(2);
  await expect(page.getByText('1 task left')).toBeVisible();
  expect(reads).toEqual([]);
  await page.getByRole('button', { name: 'Clear completed' }).click();
  await page.getByRole('button', { name: 'Dismiss notification' }).click();
  await expect.poll(() => api.listTitles()).toEqual(['Two']);
  await expect(page.getByRole('list', { name: 'Tasks' }).getByRole('checkbox')).toHaveCount(1);
});
