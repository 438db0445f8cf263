/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

import { CACHE_SHELL, DROP_PAGES } from './sw-messages';

/**
 * The app shell for offline use (decision 0022), run by the service worker: the build's
 * JavaScript and CSS and the static files are cached at install under this version's name (old
 * versions' caches go on activate), and pages are network-first, each successful page kept, so
 * a navigation with no network gets the page as last seen, else the app shell (a page rendered
 * in the browser only, so it starts at any URL: routes/(app)/app-shell). The API is never touched
 * here: its answers are the store's business (IndexedDB), not the cache's.
 */
export interface ShellFiles {
  build: string[];
  files: string[];
  version: string;
}

const PAGE_PREFIX = '/__page';
/** The app shell's page; the app asks for it to be kept once signed in (CACHE_SHELL). */
const SHELL_PATH = '/app-shell';

export function serveShell(sw: ServiceWorkerGlobalScope, { build, files, version }: ShellFiles) {
  const name = `shell-${version}`;
  const assets = new Set([...build, ...files]);

  sw.addEventListener('install', (event) => {
    event.waitUntil(caches.open(name).then((cache) => cache.addAll([...assets])));
  });
  sw.addEventListener('activate', (event) => {
    const old = caches.keys().then((keys) => keys.filter((key) => key !== name));
    event.waitUntil(old.then((keys) => Promise.all(keys.map((key) => caches.delete(key)))));
  });
  sw.addEventListener('fetch', (event) => {
    const { request } = event;
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
    if (url.pathname.startsWith('/api/')) return;
    if (assets.has(url.pathname)) event.respondWith(cacheFirst(name, request));
    else if (request.mode === 'navigate') event.respondWith(networkFirst(name, request));
  });
  sw.addEventListener('message', (event) => {
    const type = (event.data as { type?: string } | undefined)?.type;
    if (type === CACHE_SHELL) {
      event.waitUntil(keepPage(name, new Request(sw.location.origin + SHELL_PATH)));
    }
    if (type === DROP_PAGES) event.waitUntil(dropPages(name));
  });
}

async function cacheFirst(name: string, request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName: name })) ?? fetch(request);
}

/** Pages are stored under their own path (search left out), apart from the assets. */
const pageKey = (url: string) => `${PAGE_PREFIX}${new URL(url).pathname}`;

async function networkFirst(name: string, request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (isPage(response)) {
      const cache = await caches.open(name);
      await cache.put(pageKey(request.url), response.clone());
    }
    return response;
  } catch (error) {
    const cache = await caches.open(name);
    const origin = new URL(request.url).origin;
    const shell = pageKey(origin + SHELL_PATH);
    const page = (await cache.match(pageKey(request.url))) ?? (await cache.match(shell));
    if (page) return page;
    throw error;
  }
}

async function keepPage(name: string, request: Request): Promise<void> {
  const response = await fetch(request, { credentials: 'same-origin' }).catch(() => undefined);
  if (response && isPage(response)) {
    await (await caches.open(name)).put(pageKey(request.url), response);
  }
}

/** A signed-in page, not a redirect to /login nor an error page. */
const isPage = (response: Response) =>
  response.ok && !response.redirected && response.type === 'basic';

async function dropPages(name: string): Promise<void> {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  const pages = keys.filter((key) => new URL(key.url).pathname.startsWith(PAGE_PREFIX));
  await Promise.all(pages.map((key) => cache.delete(key)));
}
