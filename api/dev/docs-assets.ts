// The API reference UI (Swagger UI from the swagger-ui-dist npm package) as Workers static assets,
// so `/api/v1/docs` renders with no internet and the UI's ~0.5 MiB gzipped stays out of the
// worker's 1 MiB bundle. wrangler.toml's [build] runs this before `wrangler dev`/`deploy`; the
// worker suite's config calls it too. Copies only what changed, so repeated runs cost nothing.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DOCS_UI_FILES, DOCS_UI_PATH } from '../src/openapi/docs-ui.ts';

/** wrangler.toml's `[assets] directory`: URL paths below it are served as they lie. */
export const ASSETS_DIR = fileURLToPath(new URL('../.assets', import.meta.url));

export function writeDocsAssets(): void {
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const target = join(ASSETS_DIR, DOCS_UI_PATH);
  mkdirSync(target, { recursive: true });
  for (const file of DOCS_UI_FILES) {
    const from = join(dist, file);
    const to = join(target, file);
    if (existsSync(to) && statSync(to).size === statSync(from).size) continue;
    copyFileSync(from, to);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) writeDocsAssets();
