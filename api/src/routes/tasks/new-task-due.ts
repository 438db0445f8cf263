import { sql, type SQL } from 'drizzle-orm';
import { dueIssues, type TaskCreateSchema } from '@tasks/shared';
import type { z } from 'zod';
import { ApiError } from '../../api-error.ts';
import { scheduleOfChanges } from './schedule.ts';
import { readableZone, zonedInstant } from './zoned-sql.ts';

type NewTask = z.output<typeof TaskCreateSchema>;

/** The cross-field rule on a new task (a time or a repetition needs a day, or an instant). */
export function checkNewDue(input: NewTask) {
  const issues = dueIssues({
    due_date: input.due_date ?? (input.due_at ? 'given as due_at' : null),
    due_time: input.due_time ?? null,
    recurrence: input.recurrence ?? null,
  });
  if (issues.length) {
    throw ApiError.badRequest(
      'A due time or a repetition needs a due date.',
      issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
}

/**
 * The due columns of a new task as SQL values, for the insert of `userId`'s task: `due_date`,
 * `due_time`, `time_zone`, `due_at`, `rrule`, `repeat_from`. An instant alone (an older client)
 * is kept and read in the task's zone, else the creator's, else UTC; a local day gets its
 * instant in the same statement (zoned-sql.ts), so the stored one is the answer's.
 */
export function newDueValues(userId: string, input: NewTask): SQL[] {
  const zone = input.time_zone ? readableZone(input.time_zone) : null;
  const z = sql`coalesce(${zone}::text, (select u.time_zone from users u where u.id = ${userId}), 'UTC')`;
  const fromInstant = !input.due_date && input.due_at;
  const local = sql`(${input.due_at}::timestamptz at time zone ${z})`;
  const dueAt = input.due_date
    ? zonedInstant(sql`${input.due_date}`, sql`${input.due_time ?? null}`, z)
    : sql`${input.due_at ?? null}::timestamptz`;
  return [
    fromInstant ? sql`(${local})::date` : sql`${input.due_date ?? null}::date`,
    fromInstant ? sql`to_char(${local}, 'HH24:MI')` : sql`${input.due_time ?? null}::text`,
    sql`${zone}::text`,
    sql`(${dueAt})::timestamptz(3)`,
    sql`${input.recurrence?.rrule ?? null}::text`,
    sql`${input.recurrence?.repeat_from ?? null}::text`,
    // Built from the request alone (schedule.ts): a completion right after is one statement.
    sql`${jsonOf(scheduleOfChanges(input, new Date()))}::jsonb`,
  ];
}

const jsonOf = (value: unknown) => (value ? JSON.stringify(value) : null);

export const NEW_DUE_COLUMNS = sql.raw(
  'due_date, due_time, time_zone, due_at, rrule, repeat_from, schedule',
);
export const NEW_DUE_ALIASES = [
  'due_date',
  'due_time',
  'time_zone',
  'due_at',
  'rrule',
  'repeat_from',
  'schedule',
];
