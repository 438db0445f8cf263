/** The type OID of `text[]`. */
export const TEXT_ARRAY_OID = 1009;

/**
 * Parses Postgres' text output of a one-dimensional `text[]` (`{a,"b c","d\"e",NULL}`) in one
 * pass. Anything else it may meet (a multi-dimensional array, explicit bounds like `[0:1]={…}`)
 * goes to `fallback`, the generic parser.
 */
export function parseTextArray(
  value: string,
  fallback: (value: string) => unknown,
): (string | null)[] | unknown {
  if (value === '{}') return [];
  if (value.charCodeAt(0) !== 123 /* { */ || value.charCodeAt(1) === 123) return fallback(value);
  const items: (string | null)[] = [];
  const end = value.length - 1; // the closing brace
  let i = 1;
  while (i < end) {
    if (value[i] === '"') {
      let item = '';
      let from = ++i;
      while (value[i] !== '"') {
        if (value[i] === '\\') {
          item += value.slice(from, i);
          from = ++i; // keep the escaped character
        }
        i++;
      }
      items.push(item + value.slice(from, i));
      i += 2; // the closing quote and the comma (or the brace)
    } else {
      let next = value.indexOf(',', i);
      if (next === -1 || next > end) next = end;
      const item = value.slice(i, next);
      items.push(item === 'NULL' ? null : item);
      i = next + 1;
    }
  }
  return items;
}
