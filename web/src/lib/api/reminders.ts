import {
  apiPaths,
  UpcomingRemindersSchema,
  VapidPublicKeySchema,
  type PushSubscriptionInput,
} from 'virtual:contract';
import { authorized } from './session';

/** The caller's reminders due within a day and not yet sent, soonest first. */
export async function upcomingReminders() {
  return (await authorized(apiPaths.upcomingReminders, { schema: UpcomingRemindersSchema })).data
    .reminders;
}

/** The server's VAPID public key (base64url), or null when push is not configured there. */
export async function pushPublicKey(): Promise<string | null> {
  try {
    return (await authorized(apiPaths.pushPublicKey, { schema: VapidPublicKeySchema })).data
      .public_key;
  } catch {
    return null;
  }
}

/** Registers this browser's push subscription (idempotent by endpoint). */
export async function savePushSubscription(subscription: PushSubscriptionInput): Promise<void> {
  await authorized(apiPaths.pushSubscriptions, { method: 'POST', body: subscription });
}

/** Stops pushes to this browser. */
export async function deletePushSubscription(endpoint: string): Promise<void> {
  await authorized(apiPaths.pushSubscriptions, { method: 'DELETE', body: { endpoint } });
}
