import type { UpcomingReminder } from '@tasks/shared';
import { urgencyLine } from 'virtual:contract';
import { upcomingReminders } from '$lib/api/reminders';
import { toasts } from '$lib/components/toasts.svelte';
import { REMINDERS_CHANGED } from './events';

// An open tab shows its user's reminders itself, from `GET /reminders/upcoming`: a system
// notification whose tag is the reminder occurrence — the push of the same occurrence carries
// the same tag, so one replaces the other and it is never shown twice — or a toast in the page
// when notifications are not allowed. Loaded lazily, after the page (decision 0020).

/** How often the tab re-reads what is coming (edits elsewhere, new tasks); also on focus. */
const REFRESH_MS = 5 * 60_000;

const timers = new Map<string, ReturnType<typeof setTimeout>>();
const shown = new Set<string>();

/** The notification of a reminder: title, urgency line, the occurrence as tag. */
export function notificationOf(reminder: UpcomingReminder, now = new Date()) {
  const dueAt = reminder.due_at ? new Date(reminder.due_at) : null;
  return {
    title: reminder.title,
    options: {
      body: urgencyLine(now, dueAt),
      tag: reminder.occurrence,
      data: { task_id: reminder.task_id },
    } satisfies NotificationOptions,
  };
}

/** Shows one reminder now: a system notification if allowed, else a toast. */
export async function showReminder(reminder: UpcomingReminder): Promise<void> {
  if (shown.has(reminder.occurrence)) return;
  shown.add(reminder.occurrence);
  const { title, options } = notificationOf(reminder);
  if ('Notification' in window && Notification.permission === 'granted') {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) return registration.showNotification(title, options);
    new Notification(title, options);
    return;
  }
  toasts.show(`Reminder: ${title} — ${options.body}`);
}

/** Re-reads the upcoming reminders and sets a timer for each one not yet set. */
async function refresh(): Promise<void> {
  let reminders: UpcomingReminder[];
  try {
    reminders = await upcomingReminders();
  } catch {
    return; // offline or signed out: the next refresh tries again
  }
  const wanted = new Set(reminders.map((r) => r.occurrence));
  for (const [occurrence, timer] of timers) {
    if (wanted.has(occurrence)) continue;
    clearTimeout(timer);
    timers.delete(occurrence);
  }
  for (const reminder of reminders) {
    if (timers.has(reminder.occurrence) || shown.has(reminder.occurrence)) continue;
    const wait = Math.max(0, Date.parse(reminder.fire_at) - Date.now());
    timers.set(
      reminder.occurrence,
      setTimeout(() => void showReminder(reminder), wait),
    );
  }
}

/** Starts the tab's reminders; answers the function that stops them (sign-out, unmount). */
export function startInTabReminders(): () => void {
  void refresh();
  const interval = setInterval(() => void refresh(), REFRESH_MS);
  const onVisible = () => {
    if (document.visibilityState === 'visible') void refresh();
  };
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener(REMINDERS_CHANGED, onVisible);
  return () => {
    clearInterval(interval);
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener(REMINDERS_CHANGED, onVisible);
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  };
}
