import { sql, type SQL } from 'drizzle-orm';

/**
 * The schedule of a rule (schedule.ts `buildSchedule`) built by the statement itself, with
 * migration 0016's `task_schedule`: for the writes whose request lacks the rule or the day, and
 * the completions whose stored schedule cannot answer (decision 0030). Today is the UTC day of
 * `now`, as the worker's build takes it. Null without a rule, a mode or a day.
 */
export const builtSchedule = (rrule: SQL, repeatFrom: SQL, date: SQL, now: SQL = sql`now()`) =>
  sql`task_schedule(${rrule}, ${repeatFrom}, (${date})::date, (${now} at time zone 'UTC')::date)`;
