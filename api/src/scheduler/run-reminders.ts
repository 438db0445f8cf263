import { pushTopic, urgencyLine, type ReminderPayload } from '@tasks/shared';
import { createDb } from '../db/client.ts';
import { createMeter } from '../db/meter.ts';
import type { Env } from '../env.ts';
import { sendPush, type PushOutcome } from '../push/send-push.ts';
import type { Vapid } from '../push/vapid.ts';
import { claimDueReminders, settleRun, type ClaimedReminder } from './claim-reminders.ts';

/** What one run did, for its log line and the tests. */
export type RunSummary = {
  claimed: number;
  dropped: number;
  delivered: number;
  released: number;
  gone: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Settles, retrying with backoff for up to `withinMs` (half the lease): a run whose pushes were
 * accepted but whose settle met a database outage would otherwise leave its claims to be taken
 * again after the lease, and those reminders pushed twice. Within half the lease no other run
 * can have taken them yet. A run that dies here (a worker restart) still leaves that window.
 */
async function settleWithRetries(settle: () => Promise<void>, withinMs: number) {
  const giveUpAt = Date.now() + withinMs;
  for (let delay = 250; ; delay *= 2) {
    try {
      return await settle();
    } catch (error) {
      if (Date.now() + delay > giveUpAt) throw error;
      await sleep(delay);
    }
  }
}

/** Pushes one claimed occurrence to each of its devices; answers each device's outcome. */
async function deliver(reminder: ClaimedReminder, now: Date, vapid: Vapid) {
  const payload: ReminderPayload = {
    occurrence: reminder.occurrence,
    task_id: reminder.taskId,
    task_occurrence: reminder.taskOccurrence,
    title: reminder.title,
    urgency: urgencyLine(now, reminder.dueAt),
  };
  const options = {
    topic: await pushTopic(reminder.occurrence),
    // Past its expiry a push is dropped by the push service rather than shown late.
    ttl: Math.max(60, (reminder.expiresAt.getTime() - now.getTime()) / 1000),
    urgency: 'high' as const,
  };
  return Promise.all(
    reminder.subscriptions.map(async (target) => ({
      endpoint: target.endpoint,
      outcome: await sendPush(target, payload, options, vapid),
    })),
  );
}

/**
 * One scheduler run at `now`: claims what is due (one statement), drops what an outage made
 * useless, pushes the rest, then settles: an occurrence some device accepted stays claimed
 * (retrying it would show it twice there), one none accepted is released for the next run. A run
 * that dies before settling leaves its claims to be taken again after the lease.
 */
export async function runReminders(env: Env, now: Date): Promise<RunSummary> {
  const summary: RunSummary = { claimed: 0, dropped: 0, delivered: 0, released: 0, gone: 0 };
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY || !env.VAPID_SUBJECT) return summary;
  const vapid = {
    publicKey: env.VAPID_PUBLIC_KEY,
    privateKey: env.VAPID_PRIVATE_KEY,
    subject: env.VAPID_SUBJECT,
  };
  const db = createDb(env, createMeter());
  const claimed = await claimDueReminders(db, now, env.REMINDER_CLAIM_LEASE_SECONDS);
  summary.claimed = claimed.length;
  if (claimed.length === 0) return summary;
  const kept: string[] = [];
  const released: string[] = [];
  const gone: string[] = [];
  await Promise.all(
    claimed.map(async (reminder) => {
      if (!reminder.useful) {
        summary.dropped++;
        return kept.push(reminder.occurrence);
      }
      const outcomes = await deliver(reminder, now, vapid);
      const seen = (o: PushOutcome) => outcomes.some((r) => r.outcome === o);
      gone.push(...outcomes.filter((r) => r.outcome === 'gone').map((r) => r.endpoint));
      if (seen('accepted')) summary.delivered++;
      if (!seen('accepted') && seen('failed')) released.push(reminder.occurrence);
      else kept.push(reminder.occurrence);
    }),
  );
  await settleWithRetries(
    () => settleRun(db, claimed[0]!.claimedAt, { kept, released }, gone),
    (env.REMINDER_CLAIM_LEASE_SECONDS * 1000) / 2,
  );
  summary.released = released.length;
  summary.gone = gone.length;
  return summary;
}
