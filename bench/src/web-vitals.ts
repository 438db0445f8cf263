// The web's figures: `/` signed in as the 1,000-task account in headless Chromium — LCP, CLS and
// the JavaScript it loads (gzipped) — with the production build served by workerd via Miniflare.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { chromium, type Browser } from 'playwright-core';
import { apiPaths } from '@tasks/shared';
import { QUIET_ENV, ROOT } from '../../scripts/stack.ts';
import { BENCH_PASSWORD, type Account } from './seed.ts';
import { CHROMIUM } from '../../scripts/stack.ts';
import { TMP_DIR, type BenchStack } from './stack.ts';

const run = promisify(execFile);
const WEB_OUTPUT = join(ROOT, 'web', '.svelte-kit', 'cloudflare');

export interface WebFigures {
  /** The scripts `/`'s HTML lists (its modulepreload links): what the JS budget counts. */
  jsGzipBytes: number;
  jsFiles: number;
  /** Every script loaded by network idle, lazy modules included. */
  jsLoadedGzipBytes: number;
  jsLoadedFiles: number;
  lcpMs: number;
  /** The element LCP reported last: what the user waited for. */
  lcpElement: string;
  lcpSamplesMs: number[];
  cls: number;
  tasksShown: number;
}

/**
 * Bundles the web's Pages worker into one module for workerd. Builds the web for production first,
 * unless `reuse` and a complete build is there (`npm test` has turbo build it just before).
 */
export async function prepareWeb(reuse: boolean): Promise<string> {
  // _worker.js imports the server build beside it, which turbo's cache does not restore.
  const complete = [
    join(WEB_OUTPUT, '_worker.js'),
    join(WEB_OUTPUT, '..', 'output', 'server', 'index.js'),
  ];
  if (!reuse || !complete.every((file) => existsSync(file))) {
    await run('npm', ['run', 'build', '-w', 'web'], {
      cwd: ROOT,
      env: { ...process.env, ...QUIET_ENV },
      maxBuffer: 64 * 1024 * 1024,
    });
  }
  const outfile = join(TMP_DIR, `web-worker-${process.pid}`, 'index.js');
  // What `wrangler pages deploy` does to _worker.js: one ES module, platform modules external.
  await build({
    entryPoints: [join(WEB_OUTPUT, '_worker.js')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*', 'node:*'],
    logLevel: 'error',
  });
  return outfile;
}

async function serveWeb(stack: BenchStack, script: string) {
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: Number(new URL(stack.webOrigin).port),
    log: new Log(LogLevel.WARN),
    cf: false,
    handleRuntimeStdio: () => undefined,
    name: 'tasks-web',
    modulesRoot: join(script, '..'),
    // Listed, not located: SvelteKit's bundle holds a dynamic import() Miniflare cannot follow.
    modules: [{ type: 'ESModule', path: script }],
    compatibilityDate: stack.bundle.compatibilityDate,
    compatibilityFlags: ['nodejs_compat'],
    bindings: { API_ORIGIN: stack.worker.url },
    assets: {
      directory: WEB_OUTPUT,
      binding: 'ASSETS',
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
    },
  });
  await mf.ready;
  return mf;
}

/** Collects LCP (with its element) and CLS from the page's own PerformanceObservers. */
const OBSERVE_VITALS = `
  window.__vitals = { lcp: 0, element: '', cls: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__vitals.lcp = e.startTime;
      const el = e.element;
      window.__vitals.element = el ? el.tagName.toLowerCase() + ': ' + (el.textContent || '').trim().slice(0, 40) : '';
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__vitals.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
`;

interface Vitals {
  lcp: number;
  element: string;
  cls: number;
}

/**
 * The scripts `/`'s answer names: its `modulepreload` links (SvelteKit sends them as a `Link`
 * header, or as tags) and the entry modules its inline script imports, as
 * web/tests/js-budget.test.ts reads them from the build. Not the DOM's links after load: Vite's
 * preload helper adds one for every lazy import it makes.
 */
function listedScripts(answer: { html: string; link: string }, base: string): Set<string> {
  const header = answer.link
    .split(',')
    .filter((part) => /\brel="?modulepreload"?/.test(part))
    .map((part) => /<([^>]+)>/.exec(part)?.[1]);
  const tags = [...answer.html.matchAll(/<link\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => /\brel="modulepreload"/.test(tag))
    .map((tag) => /\bhref="([^"]+)"/.exec(tag)?.[1]);
  const imports = [...answer.html.matchAll(/import\("([^"]+)"\)/g)].map(([, href]) => href);
  const hrefs = [...header, ...tags, ...imports].filter((href) => href !== undefined);
  return new Set(hrefs.map((href) => new URL(href, base).pathname));
}

/** One cold-cache load of `/` in a fresh browser context signed in as `account`. */
async function loadOnce(browser: Browser, origin: string, account: Account) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    // With an Origin, as the page's own sign-in form sends it: only browsers get the session cookie.
    const signIn = await context.request.post(origin + apiPaths.login, {
      data: { email: account.email, password: BENCH_PASSWORD },
      headers: { origin },
    });
    if (!signIn.ok()) throw new Error(`web sign-in → ${signIn.status()}: ${await signIn.text()}`);
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_VITALS);
    const scripts: Promise<{ path: string; gzip: number }>[] = [];
    let document: Promise<{ html: string; link: string }> = Promise.resolve({ html: '', link: '' });
    const api: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/api/')) api.push(`${response.status()} ${url.pathname}`);
      if (response.request().resourceType() === 'document') {
        const link = response.headers()['link'] ?? '';
        document = response.text().then((html) => ({ html, link }));
      }
      if (response.request().resourceType() !== 'script') return;
      const gzip = (body: Buffer) => ({
        path: url.pathname,
        gzip: gzipSync(body, { level: 9 }).length,
      });
      scripts.push(response.body().then(gzip));
    });
    await page.goto(origin + '/', { waitUntil: 'networkidle' });
    await page
      .locator('[data-task-id]')
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
        const calls = api.join(', ');
        throw new Error(`no task listed at ${page.url()} (${calls}): "${text.slice(-400)}"`, {
          cause: error,
        });
      });
    await page.waitForTimeout(500); // let the last paints and layout shifts be reported
    const tasksShown = await page.locator('[data-task-id]').count();
    const vitals = await page.evaluate(
      () => (globalThis as unknown as { __vitals: Vitals }).__vitals,
    );
    const listed = listedScripts(await document, page.url());
    return { vitals, tasksShown, scripts: await Promise.all(scripts), listed };
  } finally {
    await context.close();
  }
}

/** One warm-up load, then `loads` measured ones: LCP and CLS are the medians. */
async function loadPage(origin: string, account: Account, loads: number): Promise<WebFigures> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM.executablePath,
    args: [...CHROMIUM.args],
  });
  try {
    await loadOnce(browser, origin, account);
    const samples = [];
    for (let i = 0; i < loads; i++) samples.push(await loadOnce(browser, origin, account));
    const median = <T>(items: T[], key: (item: T) => number) =>
      [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)]!;
    const typical = median(samples, (s) => s.vitals.lcp);
    const bytes = (scripts: { gzip: number }[]) => scripts.reduce((sum, s) => sum + s.gzip, 0);
    const listed = typical.scripts.filter((script) => typical.listed.has(script.path));
    return {
      jsGzipBytes: bytes(listed),
      jsFiles: listed.length,
      jsLoadedGzipBytes: bytes(typical.scripts),
      jsLoadedFiles: typical.scripts.length,
      lcpMs: Math.round(typical.vitals.lcp),
      lcpElement: typical.vitals.element,
      lcpSamplesMs: samples.map((s) => Math.round(s.vitals.lcp)),
      cls: Math.round(median(samples, (s) => s.vitals.cls).vitals.cls * 10000) / 10000,
      tasksShown: typical.tasksShown,
    };
  } finally {
    await browser.close();
  }
}

/** Serves the built web (`script` from buildWeb) and measures `/` for `account`. */
export async function measureWeb(
  stack: BenchStack,
  script: string,
  account: Account,
  loads: number,
  log: (line: string) => void,
) {
  const mf = await serveWeb(stack, script);
  try {
    const figures = await loadPage(stack.webOrigin, account, loads);
    const js = `${figures.jsGzipBytes} B gzipped listed, ${figures.jsLoadedGzipBytes} B loaded`;
    log(`web: LCP ${figures.lcpMs} ms, CLS ${figures.cls}, JS ${js}`);
    return figures;
  } finally {
    await mf.dispose();
    await rm(join(script, '..'), { recursive: true, force: true });
  }
}
