import { goto } from '$app/navigation';
import { resolve } from '$app/paths';

/**
 * Client-side navigation to an app URL with a query string (`/?status=pending`, `/login?redirect=…`).
 * `resolve()` builds paths only, so the path part goes through it and the query is appended.
 */
export function navigate(url: string, options?: Parameters<typeof goto>[1]): Promise<void> {
  const target = new URL(url, 'http://app.invalid');
  // eslint-disable-next-line svelte/no-navigation-without-resolve -- the path is resolve()d above
  return goto(`${resolve('/')}${target.pathname.slice(1)}${target.search}`, options);
}
