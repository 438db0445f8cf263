import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { pushSubscriptions, reminderSchedule } from '../db/schema/reminders.ts';
import { tasks } from '../db/schema/tasks.ts';
import { isMember } from '../routes/lists/membership.ts';
import type { PushTarget } from '../push/send-push.ts';

/** A reminder occurrence this run claimed, with what its push needs. */
export type ClaimedReminder = {
  occurrence: string;
  taskId: string;
  taskOccurrence: number;
  title: string;
  dueAt: Date | null;
  expiresAt: Date;
  /** When the claim statement ran (the lease counts from it), the same for all of one run. */
  claimedAt: Date;
  /** False when its time passed while nothing ran and it is no longer worth showing: dropped. */
  useful: boolean;
  subscriptions: PushTarget[];
};

/** Occurrences one run claims at most; the rest wait for the next run (a minute later). */
export const CLAIM_BATCH = 500;

type ClaimRow = {
  occurrence: string;
  task_id: string;
  task_occurrence: number;
  title: string;
  due_at: string | null;
  expires_at: string;
  claimed_at: string;
  useful: boolean;
  subscriptions: PushTarget[];
};

/** Not claimed for this occurrence, or claimed by a run that never settled it. */
const claimable = (sentFor: SQL, occurrence: SQL, claimedAt: SQL, at: SQL, lease: number) =>
  sql`(${sentFor} is distinct from ${occurrence}
    or ${claimedAt} < ${at} - make_interval(secs => ${lease}))`;

/**
 * Claims every reminder occurrence due at `now` in ONE statement, before anything is sent: the
 * UPDATE sets `sent_for = occurrence` only where it is not set yet, so of two overlapping runs
 * (or a retried one) the second waits on the row lock, re-checks the condition and skips the row.
 * Each occurrence is thus handed to exactly one run. The recipient must still be a member of the
 * task's list; the title and the devices ride along. A claim older than `leaseSeconds`
 * (CLAIM_LEASE_SECONDS, the REMINDER_CLAIM_LEASE_SECONDS binding) belongs to a run that died.
 */
export async function claimDueReminders(
  db: Database,
  now: Date,
  leaseSeconds: number,
): Promise<ClaimedReminder[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await db.execute<ClaimRow>(sql`
    with due as (
      select task_id, occurrence from ${reminderSchedule}
      where fire_at <= ${at} and (sent_for is distinct from occurrence or claimed_at is not null)
        and ${claimable(sql`sent_for`, sql`occurrence`, sql`claimed_at`, at, leaseSeconds)}
      order by fire_at limit ${CLAIM_BATCH}
      for update skip locked
    ), claimed as (
      update ${reminderSchedule} s set sent_for = s.occurrence,
        claimed_at = greatest(${at}, date_trunc('milliseconds', statement_timestamp()))
      from due where s.task_id = due.task_id and s.occurrence = due.occurrence
        and ${claimable(sql`s.sent_for`, sql`s.occurrence`, sql`s.claimed_at`, at, leaseSeconds)}
      returning s.*
    )
    select c.occurrence, c.task_id, t.occurrence as task_occurrence, t.title, c.due_at,
      c.expires_at, c.claimed_at, ${at} < c.expires_at as useful,
      coalesce((select json_agg(json_build_object('endpoint', p.endpoint, 'p256dh', p.p256dh,
        'auth', p.auth)) from ${pushSubscriptions} p where p.user_id = c.user_id), '[]') as subscriptions
    from claimed c join ${tasks} t on t.id = c.task_id
    where ${isMember(sql`c.user_id`, sql`t.list_id`)}`);
  return result.rows.map((row) => ({
    occurrence: row.occurrence,
    taskId: row.task_id,
    taskOccurrence: row.task_occurrence,
    title: row.title,
    dueAt: row.due_at === null ? null : new Date(row.due_at),
    expiresAt: new Date(row.expires_at),
    claimedAt: new Date(row.claimed_at),
    useful: row.useful,
    subscriptions: row.subscriptions,
  }));
}

/**
 * After the sends, in one batch: settles the claims — kept for occurrences some device accepted
 * (or that were dropped), released for those no device accepted (the next run retries them while
 * they are useful) — and forgets subscriptions the push service called gone. Only the claims
 * this run made (`claimedAt`, as its claim answered) are touched, so a settle retried after it
 * had in fact landed, or one that lands late, never settles a later run's claim.
 */
export async function settleRun(
  db: Database,
  claimedAt: Date,
  settled: { kept: string[]; released: string[] },
  goneEndpoints: string[],
) {
  const mine = sql`sent_for = occurrence and claimed_at = ${claimedAt.toISOString()}::timestamptz`;
  await db.batch([
    db.execute(sql`update ${reminderSchedule} set claimed_at = null
      where occurrence = any(${sql.param(settled.kept)}::text[]) and ${mine}`),
    db.execute(sql`update ${reminderSchedule} set sent_for = null, claimed_at = null
      where occurrence = any(${sql.param(settled.released)}::text[]) and ${mine}`),
    db.execute(sql`delete from ${pushSubscriptions}
      where endpoint = any(${sql.param(goneEndpoints)}::text[])`),
  ]);
}
