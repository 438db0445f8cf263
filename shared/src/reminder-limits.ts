// The reminder limits (issue 13) as plain numbers, with no zod: the service worker is built
// without the app's vite plugins and imports this file by path, as it does `api-paths.ts`.

export const REMINDERS_MAX = 5;
export const BEFORE_MINUTES_MIN = 1;
/** Four weeks. */
export const BEFORE_MINUTES_MAX = 40_320;
/** The presets the web offers: 10 min, 30 min, 1 h, 1 day. */
export const REMINDER_PRESETS = [10, 30, 60, 1440] as const;
/** How far the service worker's "Snooze" puts the reminder off. */
export const SNOOZE_MINUTES = 10;
