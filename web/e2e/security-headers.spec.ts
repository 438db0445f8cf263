import { test } from '@playwright/test';
import { targetFromEnv } from './target.ts';
import { expect, open, signUp } from './fixtures.ts';

const production = targetFromEnv() === 'prod';

/** CSP directives by name: `default-src 'self'; …` → { 'default-src': ["'self'"], … }. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}

test('pages send the security headers and a CSP that keeps forms on this origin', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Permissions-Policy/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  const assets: { url: string; nosniff: string | undefined }[] = [];
  page.on('response', (response) => {
    if (/\/_app\/immutable\/.+\.js$/.test(response.url())) {
      assets.push({ url: response.url(), nosniff: response.headers()['x-content-type-options'] });
    }
  });
  for (const path of ['/login', '/signup', '/status']) {
    const response = await page.goto(path);
    const headers = response!.headers();
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['x-frame-options']).toBe('DENY');
    const hsts = headers['strict-transport-security'];
    if (production) expect(hsts).toMatch(/max-age=\d{8,}/);
    else expect(hsts).toBeUndefined();
    const csp = directives(headers['content-security-policy'] ?? '');
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
  }

  // The Pages build serves its scripts with nosniff too (web/_headers); vite's are not checked.
  if (production) {
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((asset) => asset.nosniff !== 'nosniff')).toEqual([]);
  }

  // The app still works under the policy: it hydrates, signs up, shows the list in its theme.
  await signUp(page, 'headers');
  const list = await page.goto('/');
  expect(list!.headers()['x-content-type-options']).toBe('nosniff');
  await page.waitForSelector('html[data-hydrated="true"]');
  await expect(page.locator('html')).toHaveAttribute('data-theme', /^(system|light|dark)$/);
  await open(page, '/status');
  await expect(page.getByText('All systems go.')).toBeVisible();
  expect(violations).toEqual([]);
});
