/// <reference lib="webworker" />
// The service worker's reminder part (issue 13, decisions 0020 and 0026): shows reminder pushes
// with "Done" and "Snooze 10 min", and opens the task on a click. It lives apart from
// `service-worker.ts` so the worker's other parts (offline caching) are their own modules. The
// service worker is built without the app's vite plugins (no virtual:contract, no $lib): the
// zod-free source files of the paths and the limits, by relative path.
import { apiPaths } from '../../../../shared/src/api-paths.ts';
import { REMINDERS_MAX, SNOOZE_MINUTES } from '../../../../shared/src/reminder-limits.ts';

/** What a push carries (shared/src/reminders.ts `ReminderPayload`). */
export type ReminderPush = {
  occurrence: string;
  task_id: string;
  task_occurrence?: number;
  title: string;
  urgency: string;
};
/** What a reminder notification keeps for its click (the tab's carry `task_id` only). */
type Data = { task_id: string; task_occurrence?: number };
type Reminder = { before_minutes: number } | { at: string };

/** Shows a push as a notification tagged by the reminder occurrence, as the tab does. */
export function showReminderPush(sw: ServiceWorkerGlobalScope, push: ReminderPush) {
  return sw.registration.showNotification(push.title, {
    body: push.urgency,
    tag: push.occurrence,
    data: { task_id: push.task_id, task_occurrence: push.task_occurrence } satisfies Data,
    // @ts-expect-error: `actions` is in the Notifications spec, not yet in TypeScript's lib.
    actions: [
      { action: 'done', title: 'Done' },
      { action: 'snooze', title: `Snooze ${SNOOZE_MINUTES} min` },
    ],
  });
}

/** A bearer token minted from the session cookie, as the pages do (lib/api/session.ts). */
async function accessToken(): Promise<string> {
  const res = await fetch(apiPaths.token, { method: 'POST', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`token: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function call(path: string, method: string, body?: unknown, headers: HeadersInit = {}) {
  const res = await fetch(path, {
    method,
    headers: {
      ...headers,
      authorization: `Bearer ${await accessToken()}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
  return res;
}

/**
 * Completes the occurrence the reminder was for, in one request: naming it makes a repeated
 * "Done" (two devices, a retried click) change nothing rather than complete the next one.
 */
async function complete(data: Data) {
  await call(apiPaths.taskCompletion(data.task_id), 'POST', {
    completed: true,
    ...(data.task_occurrence ? { occurrence: data.task_occurrence } : {}),
  });
}

/**
 * Adds a one-off reminder `SNOOZE_MINUTES` from now under `If-Match`; at the limit it takes the
 * place of the earliest absolute reminder (else the first one).
 */
async function snooze(taskId: string) {
  const res = await call(apiPaths.task(taskId), 'GET');
  const { reminders } = (await res.json()) as { reminders: Reminder[] };
  const at = new Date(Date.now() + SNOOZE_MINUTES * 60_000).toISOString();
  const kept = [...reminders];
  if (kept.length >= REMINDERS_MAX) {
    const absolutes = kept.filter((r): r is { at: string } => 'at' in r);
    const earliest = absolutes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
    kept.splice(earliest ? kept.indexOf(earliest) : 0, 1);
  }
  const etag = res.headers.get('etag') ?? '*';
  await call(
    apiPaths.task(taskId),
    'PATCH',
    { reminders: [...kept, { at }] },
    { 'if-match': etag },
  );
}

/** Focuses a tab of the app and shows the task there, or opens one. */
async function openTask(sw: ServiceWorkerGlobalScope, taskId: string) {
  const url = new URL(`/?task=${encodeURIComponent(taskId)}`, sw.location.origin).href;
  const tabs = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = tabs.find((client) => new URL(client.url).origin === sw.location.origin);
  if (!tab) return void (await sw.clients.openWindow(url));
  // Focusing needs the click's user activation; without it the tab is still shown the task.
  await tab.focus().catch(() => undefined);
  await tab.navigate(url).catch(() => undefined);
}

/** What a click on a reminder notification does: its action, or open the task. */
export function onReminderClick(
  sw: ServiceWorkerGlobalScope,
  notification: Notification,
  action: string,
): Promise<void> {
  const data = notification.data as Data;
  notification.close();
  const work =
    action === 'done' ? complete(data) : action === 'snooze' ? snooze(data.task_id) : null;
  // A failed action (signed out, offline) opens the task, where the user can act.
  return work ? work.catch(() => openTask(sw, data.task_id)) : openTask(sw, data.task_id);
}

/** Wires the reminder handlers into the service worker. */
export function handleReminders(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener('push', (event) => {
    const push = event.data?.json() as ReminderPush | undefined;
    if (push) event.waitUntil(showReminderPush(sw, push));
  });
  sw.addEventListener('notificationclick', (event) => {
    const action = (event as NotificationEvent & { action: string }).action;
    event.waitUntil(onReminderClick(sw, event.notification, action));
  });
}
