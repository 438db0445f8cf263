import { z } from 'zod';

/**
 * The canonical `z.enum` `schema`, accepted in any letter case (`"high"`, `"HIGH"`): it always
 * parses to the canonical value (`"High"`), so the API stores and returns only canonical values.
 * Its JSON Schema and OpenAPI form are `schema`'s (zod projects a preprocessed pipe through its
 * output schema), so documents list the canonical values and a `meta` id still names them.
 * For request inputs; responses keep the plain `z.enum`.
 */
export function caseInsensitiveEnum<E extends z.ZodEnum>(schema: E) {
  const byLowerCase = new Map(schema.options.map((value) => [String(value).toLowerCase(), value]));
  // Typed as the canonical values on input too: TypeScript callers send those; others need not.
  return z.preprocess(
    (input: z.output<E>) =>
      typeof input === 'string' ? (byLowerCase.get(input.toLowerCase()) ?? input) : input,
    schema,
  );
}
