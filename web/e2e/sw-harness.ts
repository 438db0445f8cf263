// Drives the service worker the page registered (the real built one) from a test: a push through
// the DevTools protocol (`ServiceWorker.deliverPushMessage`, as a push service would deliver it),
// and the notification handlers of lib/reminders/sw-reminders.ts run inside that worker's global
// scope — Chromium's protocol cannot click a notification, so the test calls the handler the
// click would, on the notification the push showed.
//
// What was shown is recorded as the worker hands it to the browser (each `showNotification` that
// the browser accepted), not read back with `getNotifications()`: Chromium's read drops every
// stored notification its display has not listed yet (PlatformNotificationContextImpl's
// "synchronize displayed notifications"), so under load a notification shown a moment earlier
// reads back as gone and never returns.
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { build } from 'esbuild';

const MODULE = fileURLToPath(new URL('../src/lib/reminders/sw-reminders.ts', import.meta.url));

export type Shown = {
  title: string;
  body: string;
  tag: string;
  data: unknown;
  actions: { action: string; title: string }[];
};

/** The page's service worker, once it controls the page, with the reminder module loaded in it. */
export async function serviceWorkerOf(context: BrowserContext, page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const worker: Worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const bundle = await build({
    entryPoints: [MODULE],
    bundle: true,
    format: 'iife',
    globalName: 'swReminders',
    write: false,
  });
  await worker.evaluate(`${bundle.outputFiles[0]!.text}; self.swReminders = swReminders; 0`);
  await worker.evaluate(recordShownNotifications);
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const live = registrations.find((r) => !r.isDeleted);
      if (live) resolve(live.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const origin = new URL(page.url()).origin;
  return {
    /** Delivers a push message to the worker, as the browser's push service would. */
    push: async (data: unknown) =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin,
        registrationId: await registrationId,
        data: JSON.stringify(data),
      }),
    /** The notifications the worker shows now: each accepted, by tag, until closed. */
    shown: () =>
      worker.evaluate(() => {
        const sw = self as unknown as { shownNotifications: Map<string, Shown> };
        return [...sw.shownNotifications.values()];
      }),
    /** Runs the click handler on the notification shown, with `action` ('' is a plain click). */
    click: (action: string) =>
      worker.evaluate(async (action) => {
        type Module = typeof import('../src/lib/reminders/sw-reminders.ts');
        const sw = self as unknown as ServiceWorkerGlobalScope & {
          swReminders: Module;
          shownNotifications: Map<string, Shown>;
        };
        const [shown] = sw.shownNotifications.values();
        if (!shown) throw new Error('no notification shown');
        // The handler reads `data` and calls `close()`, as on the platform's Notification.
        const note = { ...shown, close: () => sw.shownNotifications.delete(shown.tag) };
        await sw.swReminders.onReminderClick(sw, note as unknown as Notification, action);
      }, action),
  };
}

/**
 * Runs in the worker (or, as an init script, in a page): wraps `showNotification` to keep, by tag
 * (a new one with the same tag takes the old one's place, as on the platform), what the browser
 * accepted.
 */
export function recordShownNotifications() {
  const sw = self as unknown as { shownNotifications: Map<string, Shown> };
  sw.shownNotifications = new Map();
  const show = ServiceWorkerRegistration.prototype.showNotification;
  ServiceWorkerRegistration.prototype.showNotification = async function (title, options = {}) {
    await show.call(this, title, options);
    const actions = (options as { actions?: Shown['actions'] }).actions ?? [];
    const tag = options.tag ?? '';
    sw.shownNotifications.delete(tag);
    sw.shownNotifications.set(tag, {
      title,
      body: options.body ?? '',
      tag,
      data: options.data as unknown,
      actions: actions.map(({ action, title }) => ({ action, title })),
    });
  };
}
