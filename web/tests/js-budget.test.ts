// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { JS_BUDGET_BYTES } from './js-budget.ts';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT = join(WEB, '.svelte-kit', 'output');
const CHUNKS = '_app/immutable/chunks';

interface ServerManifest {
  _: {
    client: { start: string; app: string; imports: string[] };
    nodes: Array<() => Promise<{ imports: string[] }>>;
    routes: Array<{
      id: string;
      page: { layouts: Array<number | undefined>; leaf: number } | null;
    }>;
  };
}

/**
 * The files SvelteKit's server lists in `/`'s HTML (modulepreload + entry imports): the client
 * entry with its imports, then the root layout's and the page's node with theirs.
 */
async function filesToShow(routeId: string): Promise<string[]> {
  const url = pathToFileURL(join(OUTPUT, 'server', 'manifest.js')).href;
  const { manifest } = (await import(url)) as { manifest: ServerManifest };
  const route = manifest._.routes.find((r) => r.id === routeId);
  if (!route?.page) throw new Error(`no page route ${routeId}`);
  const indices = [...route.page.layouts, route.page.leaf].filter((i) => i !== undefined);
  const nodes = await Promise.all(indices.map((i) => manifest._.nodes[i]!()));
  const { start, app, imports } = manifest._.client;
  return [...new Set([start, app, ...imports, ...nodes.flatMap((node) => node.imports)])];
}

/** The build must not see vitest's variables: with them, plugins switch to their test setup. */
function productionEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TEST'),
  );
  return { ...env, NODE_ENV: 'production' };
}

const gzippedSize = (file: string) =>
  gzipSync(readFileSync(join(OUTPUT, 'client', file)), { level: 9 }).length;

/** True when `npm test` has had turbo build the web just before (WEB_BUILT=1) and it is whole. */
function prebuilt(): boolean {
  const output = ['server/manifest.js', 'server/index.js', 'client/_app/version.json'];
  return process.env.WEB_BUILT === '1' && output.every((file) => existsSync(join(OUTPUT, file)));
}

describe('JavaScript budget of /', () => {
  beforeAll(() => {
    // The same `vite build` turbo's `build` task ran for this run: measure that one, not a copy.
    if (prebuilt()) return;
    execFileSync(process.execPath, [join(WEB, 'node_modules/vite/bin/vite.js'), 'build'], {
      cwd: WEB,
      stdio: 'ignore',
      env: productionEnv(),
    });
  }, 180_000);

  it('ships at most 80 KB of gzipped JavaScript', async () => {
    const files = await filesToShow('/(app)');
    const sizes = files.map((file) => ({ file, gzip: gzippedSize(file) }));
    const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
    console.info(`/ downloads ${files.length} JS files, ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(files.every((file) => file.endsWith('.js'))).toBe(true);
    expect(total).toBeLessThanOrEqual(JS_BUDGET_BYTES);
  });

  // Quick add and the recurrence picker load the engine when they are used (decision 0019).
  it('leaves the recurrence engine and the quick-add parser out', async () => {
    const read = (file: string) => readFileSync(join(OUTPUT, 'client', file), 'utf8');
    const shown = (await filesToShow('/(app)')).map(read).join('\n');
    const built = readdirSync(join(OUTPUT, 'client', CHUNKS)).map((file) =>
      read(`${CHUNKS}/${file}`),
    );
    // The Gregorian cycle's day count (the engine's calendar maths), a message of its RRULE
    // parser: in the build (so the markers still mean something), not in what / loads.
    for (const marker of ['146097', 'UNTIL must be a date']) {
      expect(built.some((code) => code.includes(marker))).toBe(true);
      expect(shown).not.toContain(marker);
    }
  });
});
