/** The message a page sends once signed in, so `/` is cached even if never navigated to. */
export const CACHE_SHELL = 'cache-shell';
/** The message a page sends on sign-out: no signed-in page is kept. */
export const DROP_PAGES = 'drop-pages';
