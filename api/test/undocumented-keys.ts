/** The parts of a dereferenced JSON Schema this check walks. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

/**
 * Dotted paths of object keys in `value` that `schema` does not declare. A schema may allow
 * extra keys (so clients tolerate additions), but the server must not send fields it never
 * documented: this is how the contract test notices.
 */
export function undocumentedKeys(schema: JsonSchema, value: unknown, at = ''): string[] {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    // The variant that leaves the fewest undocumented keys is the one the value matches.
    const candidates = variants.map((variant) => undocumentedKeys(variant, value, at));
    return candidates.sort((a, b) => a.length - b.length)[0] ?? [];
  }
  if (Array.isArray(value) && schema.items) {
    return value.flatMap((item, index) => undocumentedKeys(schema.items!, item, `${at}${index}.`));
  }
  if (typeof value !== 'object' || value === null || !schema.properties) return [];
  const properties = schema.properties;
  return Object.entries(value).flatMap(([name, child]) =>
    name in properties
      ? undocumentedKeys(properties[name]!, child, `${at}${name}.`)
      : [`${at}${name}`],
  );
}
