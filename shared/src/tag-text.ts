// Zod-free, so the web's bundle can import it without the schema library.

/** A tag as it is stored: trimmed and lower-cased (`TagSchema` applies the same rule). */
export const normalizeTag = (tag: string): string => tag.trim().toLowerCase();

/** Tags typed as `home, Errands ,, HOME` → `['home', 'errands']`: split, normalised, unique. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map(normalizeTag).filter(Boolean))];
}
