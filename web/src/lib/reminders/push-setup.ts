import { base64UrlBytes } from 'virtual:contract';
import { deletePushSubscription, pushPublicKey, savePushSubscription } from '$lib/api/reminders';

/**
 * What the account page says about reminders on this browser: `on` (pushes reach it with no tab
 * open), `tab-only` (notifications allowed, but no push subscription: only while a tab is open),
 * `off` (not asked yet), `blocked` (the user refused), `unsupported` (no Notification API).
 */
export type ReminderState = 'on' | 'tab-only' | 'off' | 'blocked' | 'unsupported';

async function pushSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker?.getRegistration();
  return (await registration?.pushManager?.getSubscription()) ?? null;
}

export async function reminderState(): Promise<ReminderState> {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  if (Notification.permission !== 'granted') return 'off';
  return (await pushSubscription().catch(() => null)) ? 'on' : 'tab-only';
}

/** Subscribes this browser to pushes and registers it with the API; false when it cannot. */
async function subscribePush(): Promise<boolean> {
  const key = await pushPublicKey();
  if (!key || !('serviceWorker' in navigator)) return false;
  const registration = await navigator.serviceWorker.ready;
  if (!registration.pushManager) return false;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: base64UrlBytes(key) as Uint8Array<ArrayBuffer>,
  });
  const json = subscription.toJSON();
  await savePushSubscription({
    endpoint: subscription.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
  });
  return true;
}

/**
 * "Turn on reminders": must run from a user gesture (browsers refuse, or blame the site, when a
 * page asks unprompted). Asks for notifications, then subscribes to pushes where the browser's
 * push service is reachable; without one the tab still shows reminders while open.
 */
export async function turnOnReminders(): Promise<ReminderState> {
  if (!('Notification' in window)) return 'unsupported';
  const permission = await Notification.requestPermission();
  if (permission === 'denied') return 'blocked';
  if (permission !== 'granted') return 'off';
  const pushed = await subscribePush().catch(() => false);
  return pushed ? 'on' : 'tab-only';
}

/** Stops pushes to this browser (the permission itself only the user can take back). */
export async function turnOffPush(): Promise<void> {
  const subscription = await pushSubscription();
  if (!subscription) return;
  await deletePushSubscription(subscription.endpoint);
  await subscription.unsubscribe();
}
