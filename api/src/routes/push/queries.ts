import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { pushSubscriptions } from '../../db/schema/reminders.ts';

export type NewSubscription = { endpoint: string; p256dh: string; auth: string };

/**
 * Stores the caller's subscription, idempotent by endpoint: the same endpoint again (a page
 * reload, a key rotation, another account signing in on that browser) updates the one row.
 * Answers whether the row is new (`xmax = 0`: no earlier version was updated).
 */
export async function saveSubscription(
  db: Database,
  userId: string,
  subscription: NewSubscription,
): Promise<{ created: boolean }> {
  const [row] = await db
    .insert(pushSubscriptions)
    .values({ ...subscription, userId })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: {
        userId,
        p256dh: subscription.p256dh,
        auth: subscription.auth,
        updatedAt: sql`now()`,
      },
    })
    .returning({ created: sql<boolean>`xmax = 0` });
  return { created: row?.created ?? false };
}

/** Forgets the caller's subscription of `endpoint` (nothing when it is not theirs). */
export async function deleteSubscription(db: Database, userId: string, endpoint: string) {
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId)));
}
