import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import { z } from 'zod';
import { SUPPORTED_KEYWORDS } from '../src/lib/contract/json-schema.ts';

const ID = 'virtual:contract';
const RESOLVED_ID = `\0${ID}`;
/** Shared modules without zod, re-exported as they are (their functions included). */
const ZOD_FREE_FILES = [
  'api-paths.ts',
  'tag-text.ts',
  'change-cursor.ts',
  'reminder-urgency.ts',
  'push-keys.ts',
];

/**
 * `virtual:contract` is the shared contract without zod classic: every zod schema exported by
 * `@tasks/shared` becomes its JSON Schema (as the API receives or sends it), every plain constant
 * its JSON value, and the zod-free source files (`apiPaths`, the tag rules) are re-exported.
 */
export function contractPlugin(): Plugin {
  return {
    name: 'tasks-contract',
    resolveId: (id) => (id === ID ? RESOLVED_ID : undefined),
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const { source, files } = await contractModule();
      for (const file of files) this.addWatchFile(file);
      return source;
    },
  };
}

/** The generated module's source and the shared files it was made from. */
export async function contractModule(): Promise<{ source: string; files: string[] }> {
  const entry = createRequire(import.meta.url).resolve('@tasks/shared');
  // The shared package is TypeScript source: vite's module runner loads it, Node alone cannot.
  const { module, dependencies } = await runnerImport<Record<string, unknown>>(entry);
  const lines = ZOD_FREE_FILES.map(
    (file) => `export * from ${JSON.stringify(join(dirname(entry), file))};`,
  );
  for (const [name, value] of Object.entries(module)) {
    if (name === 'apiPaths' || name === 'API_PREFIX') continue;
    if (isZodSchema(value)) lines.push(exportConst(name, toJsonSchema(name, value)));
    else if (isJson(value)) lines.push(exportConst(name, value));
  }
  return { source: lines.join('\n'), files: [entry, ...dependencies] };
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

function exportConst(name: string, value: unknown): string {
  return `export const ${name} = /* @__PURE__ */ JSON.parse(${JSON.stringify(JSON.stringify(value))});`;
}

function toJsonSchema(name: string, schema: z.ZodType): unknown {
  // `input` is the shape on the wire: what the API accepts and what a response body holds.
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  assertSupported(name, json);
  return json;
}

function assertSupported(name: string, node: unknown): void {
  if (Array.isArray(node)) return node.forEach((item) => assertSupported(name, item));
  if (typeof node !== 'object' || node === null) return;
  for (const [key, child] of Object.entries(node)) {
    if (!SUPPORTED_KEYWORDS.has(key)) {
      throw new Error(`${name}: the web's contract checker does not support "${key}"`);
    }
    if (key === 'properties' || key === '$defs') {
      for (const sub of Object.values(child as object)) assertSupported(name, sub);
    } else if (typeof child === 'object') assertSupported(name, child);
  }
}

function isJson(value: unknown): boolean {
  if (['string', 'number', 'boolean'].includes(typeof value) || value === null) return true;
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === 'object') return Object.values(value as object).every(isJson);
  return false;
}
