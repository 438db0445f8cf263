// Node only (it reads a file): the seed's published contract, `../shared/seed/openapi.yaml` from
// the repo root (a read-only copy in CI), as JSON. workerd cannot read files, so the worker
// suite's global setup parses it for it.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

const SEED_OPENAPI = new URL('../../../../shared/seed/openapi.yaml', import.meta.url);

export function seedOpenApi(): Record<string, unknown> {
  if (!existsSync(SEED_OPENAPI)) {
    throw new Error(`The seed contract test needs ${SEED_OPENAPI.pathname} (../shared/seed/).`);
  }
  return parse(readFileSync(SEED_OPENAPI, 'utf8')) as Record<string, unknown>;
}
