/** Dispatched on `window` when a task's reminders or due time were saved: the tab re-reads them. */
export const REMINDERS_CHANGED = 'reminders:changed';

export const remindersChanged = () => window.dispatchEvent(new Event(REMINDERS_CHANGED));
