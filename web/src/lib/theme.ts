/** `system` follows the OS setting; the other two are the user's explicit choice. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** A cookie rather than localStorage, so the server renders the chosen theme on first paint. */
export const THEME_COOKIE = 'theme';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The theme a stored value names; anything unknown means `system`. */
export function readTheme(value: string | null | undefined): Theme {
  return THEMES.find((theme) => theme === value) ?? 'system';
}

/** The theme currently shown. */
export function currentTheme(): Theme {
  return readTheme(document.documentElement.dataset.theme);
}

/** Shows `theme` now and remembers it for the next visit. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
}
