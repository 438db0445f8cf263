/**
 * A checker for the JSON Schema subset that zod's `toJSONSchema` emits for the shared contract.
 * The browser validates every API response against these schemas instead of shipping zod classic
 * (about 27 KB gzipped) on `/`; `vite/contract-plugin.ts` refuses to build a schema that uses a
 * keyword this file does not understand, so the check can never be silently weaker.
 */
export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: JsonType | JsonType[];
  enum?: readonly unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

/** A JSON Schema tagged with the TypeScript type that every value it accepts has. */
export type Contract<T> = JsonSchema & { readonly __accepts?: T };

/** Keywords that carry no constraint (annotations) or that the checker enforces. */
export const SUPPORTED_KEYWORDS = new Set([
  ...['$schema', 'id', 'title', 'description', 'default', 'examples', 'format', 'deprecated'],
  ...['$ref', '$defs', 'type', 'enum', 'const', 'anyOf', 'oneOf', 'properties', 'required'],
  ...['additionalProperties', 'items', 'minItems', 'maxItems', 'minLength', 'maxLength'],
  ...['pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
]);

/** Thrown when a value breaks its contract; `path` points at the offending field. */
export class ContractError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Unexpected response from the server at ${path || '(root)'}: ${reason}`);
  }
}

/** Returns `value` typed as `T` when it satisfies `schema`, else throws a ContractError. */
export function parse<T>(schema: Contract<T>, value: unknown): T {
  const failure = check(schema, value, schema, '');
  if (failure) throw new ContractError(failure.path, failure.reason);
  return value as T;
}

/** True when `value` satisfies `schema`. */
export function accepts(schema: JsonSchema, value: unknown): boolean {
  return check(schema, value, schema, '') === null;
}

interface Failure {
  path: string;
  reason: string;
}

function check(schema: JsonSchema, value: unknown, root: JsonSchema, path: string): Failure | null {
  const fail = (reason: string): Failure => ({ path, reason });
  // A schema with its own $defs (a shared schema nested in a local one) resolves refs in them.
  if (schema.$defs) root = schema;
  if (schema.$ref !== undefined) {
    const target = resolve(schema.$ref, root);
    const failure = check(target, value, root, path);
    if (failure) return failure;
  }
  if (schema.type !== undefined && !hasType(value, schema.type)) return fail(`not ${schema.type}`);
  if (schema.enum && !schema.enum.includes(value)) return fail('not one of the allowed values');
  if ('const' in schema && value !== schema.const) return fail(`not ${String(schema.const)}`);
  if (schema.anyOf && !schema.anyOf.some((option) => !check(option, value, root, path))) {
    return fail('matches none of the allowed shapes');
  }
  if (schema.oneOf && schema.oneOf.filter((o) => !check(o, value, root, path)).length !== 1) {
    return fail('must match exactly one shape');
  }
  if (typeof value === 'string') return checkString(schema, value, fail);
  if (typeof value === 'number') return checkNumber(schema, value, fail);
  if (Array.isArray(value)) return checkArray(schema, value, root, path);
  if (isObject(value)) return checkObject(schema, value, root, path);
  return null;
}

function resolve(ref: string, root: JsonSchema): JsonSchema {
  const name = ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
  const target = name === undefined ? undefined : root.$defs?.[name];
  if (!target) throw new ContractError('', `unresolvable $ref ${ref}`);
  return target;
}

function hasType(value: unknown, type: JsonType | JsonType[]): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    if (t === 'null') return value === null;
    if (t === 'array') return Array.isArray(value);
    if (t === 'object') return isObject(value);
    if (t === 'integer') return Number.isInteger(value);
    if (t === 'number') return typeof value === 'number' && Number.isFinite(value);
    return typeof value === t;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkString(schema: JsonSchema, value: string, fail: (r: string) => Failure) {
  if (schema.minLength !== undefined && value.length < schema.minLength) return fail('too short');
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return fail('too long');
  if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
    return fail('badly formatted');
  }
  return null;
}

function checkNumber(schema: JsonSchema, value: number, fail: (r: string) => Failure) {
  if (schema.minimum !== undefined && value < schema.minimum) return fail('too small');
  if (schema.maximum !== undefined && value > schema.maximum) return fail('too large');
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
    return fail('too small');
  }
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) {
    return fail('too large');
  }
  return null;
}

function checkArray(schema: JsonSchema, value: unknown[], root: JsonSchema, path: string) {
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    return { path, reason: 'too few items' };
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    return { path, reason: 'too many items' };
  }
  if (!schema.items) return null;
  for (const [index, item] of value.entries()) {
    const failure = check(schema.items, item, root, join(path, String(index)));
    if (failure) return failure;
  }
  return null;
}

function checkObject(
  schema: JsonSchema,
  value: Record<string, unknown>,
  root: JsonSchema,
  path: string,
): Failure | null {
  for (const key of schema.required ?? []) {
    if (!(key in value)) return { path: join(path, key), reason: 'missing' };
  }
  for (const [key, item] of Object.entries(value)) {
    const declared = schema.properties?.[key];
    const extra = schema.additionalProperties;
    const rule = declared ?? (typeof extra === 'object' ? extra : undefined);
    if (!declared && extra === false) return { path: join(path, key), reason: 'unexpected' };
    if (!rule) continue;
    const failure = check(rule, item, root, join(path, key));
    if (failure) return failure;
  }
  return null;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
