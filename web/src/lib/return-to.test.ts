import { describe, expect, it } from 'vitest';
import { loginHref, returnTarget } from './return-to';

describe('returning after login', () => {
  it('comes back to the page and query the user was on', () => {
    const href = loginHref('/?status=pending&q=milk', 'expired');
    expect(href).toBe('/login?redirect=%2F%3Fstatus%3Dpending%26q%3Dmilk&reason=expired');
    const redirect = new URL(href, 'http://app.test').searchParams.get('redirect');
    expect(returnTarget(redirect)).toBe('/?status=pending&q=milk');
    expect(loginHref('/')).toBe('/login');
  });

  it('never leaves the site, whatever the parameter says', () => {
    for (const hostile of [
      'https://evil.test/',
      '//evil.test',
      '/\\evil.test',
      'javascript:x',
      '',
    ]) {
      expect(returnTarget(hostile)).toBe('/');
    }
    expect(returnTarget(null)).toBe('/');
  });
});
