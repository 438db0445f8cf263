// A new in-memory PGlite runs initdb inside WASM: ~3 s on an idle machine, 25 s on a busy one.
// Loading a snapshot of a freshly initialised cluster takes a fraction of that, so the first
// in-memory start saves one under .data/ (git-ignored) and later starts load it.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/** <repo>/.data: local, git-ignored database files. */
export const LOCAL_DATA_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '.data',
);

/** Opens an in-memory PGlite from the cached fresh-cluster snapshot, creating it if needed. */
export async function createMemoryPglite(options: PGliteOptions): Promise<PGlite> {
  const path = templatePath();
  if (existsSync(path)) {
    try {
      return await PGlite.create({ ...options, loadDataDir: new Blob([readFileSync(path)]) });
    } catch {
      // Damaged or from another build: rebuild it below.
    }
  }
  const pg = await PGlite.create(options);
  await saveTemplate(pg, path).catch(() => undefined); // only a cache
  return pg;
}

async function saveTemplate(pg: PGlite, path: string): Promise<void> {
  const snapshot = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
  mkdirSync(dirname(path), { recursive: true });
  // Concurrent first starts each write their own file; the rename makes the last one win whole.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, snapshot);
  renameSync(partial, path);
}

// A snapshot only fits the PGlite build that wrote it.
function templatePath(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = join(dirname(entry), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return join(LOCAL_DATA_DIR, `pglite-template-${version}.tar`);
}
