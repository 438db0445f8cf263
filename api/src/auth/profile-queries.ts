import { eq, sql } from 'drizzle-orm';
import {
  DEFAULT_REMINDER_DEFAULTS,
  type Me,
  type ReminderDefaultsInputSchema,
} from '@tasks/shared';
import type { z } from 'zod';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema/auth.ts';
import { reminderSettings } from '../db/schema/reminders.ts';
import { audienceJson, audienceFrom, type AudienceColumns } from '../live/audience-sql.ts';
import type { Audience } from '../live/poke.ts';
import { rederiveFloating } from '../routes/tasks/floating.ts';

// The profile `/me` shows and changes: the user row (its time zone) with the reminder defaults,
// one round trip either way.

type DefaultsInput = z.output<typeof ReminderDefaultsInputSchema>;

type ProfileRow = {
  id: string;
  email: string;
  name: string;
  created_at: string | Date;
  time_zone: string | null;
  before_minutes: number[] | null;
  all_day_time: string | null;
  audience?: AudienceColumns;
  zone_known?: boolean;
};

/** A profile row as `/me` shows it (no settings row: the shared reminder defaults). */
function toMe(row: ProfileRow): Me {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    created_at: new Date(row.created_at).toISOString(),
    time_zone: row.time_zone,
    reminder_defaults: {
      before_minutes: row.before_minutes ?? DEFAULT_REMINDER_DEFAULTS.before_minutes,
      all_day_time: row.all_day_time ?? DEFAULT_REMINDER_DEFAULTS.all_day_time,
    },
  };
}

/** The caller's profile, or undefined when the user no longer exists. */
export async function findUserProfile(db: Database, userId: string): Promise<Me | undefined> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      created_at: users.createdAt,
      time_zone: users.timeZone,
      before_minutes: reminderSettings.beforeMinutes,
      all_day_time: reminderSettings.allDayTime,
    })
    .from(users)
    .leftJoin(reminderSettings, eq(reminderSettings.userId, users.id))
    .where(eq(users.id, userId));
  return row && toMe(row);
}

export type ProfileChanges = { timeZone?: string; reminderDefaults?: DefaultsInput };

/**
 * Applies the given changes (the zone, the reminder defaults; others kept) in one statement and
 * answers the profile after them, or undefined when the account is gone. A new zone re-derives
 * the floating tasks' instants in the same statement; `audience` is whom their move concerns.
 * `unknown_zone`: a zone Intl knows but the database does not; nothing was changed.
 */
export async function updateProfile(
  db: Database,
  userId: string,
  changes: ProfileChanges,
): Promise<{ me: Me; audience: Audience } | 'unknown_zone' | undefined> {
  const defaults = changes.reminderDefaults;
  const minutes = defaults?.before_minutes ? sql.param(defaults.before_minutes) : null;
  const time = defaults?.all_day_time ?? null;
  const result = await db.execute<ProfileRow>(sql`
    with account as (
      update ${users} set time_zone = coalesce(${changes.timeZone ?? null}::text, time_zone),
        updated_at = case when ${changes.timeZone ?? null}::text is null then updated_at else now() end
      where id = ${userId} and (${changes.timeZone ?? null}::text is null
        or task_known_zone(${changes.timeZone ?? null}::text))
      returning id, email, name, created_at, time_zone
    ), saved as (
      insert into ${reminderSettings} as rs (user_id, before_minutes, all_day_time)
      select id, coalesce(${minutes}::integer[], '{}'),
        coalesce(${time}::text, ${DEFAULT_REMINDER_DEFAULTS.all_day_time})
      from account where ${defaults !== undefined}
      on conflict (user_id) do update set
        before_minutes = coalesce(${minutes}::integer[], rs.before_minutes),
        all_day_time = coalesce(${time}::text, rs.all_day_time)
      returning rs.before_minutes, rs.all_day_time
    ), floating as (${changes.timeZone === undefined ? sql`select null::uuid as list_id where false` : rederiveFloating(userId, changes.timeZone)})
    select a.*, coalesce(s.before_minutes, rs.before_minutes) as before_minutes,
      coalesce(s.all_day_time, rs.all_day_time) as all_day_time,
      ${audienceJson(sql`select list_id from floating`)} as audience,
      ${changes.timeZone ?? null}::text is null or task_known_zone(${changes.timeZone ?? null}::text) as zone_known
    from (select) one left join account a on true left join saved s on true
      left join ${reminderSettings} rs on rs.user_id = a.id`);
  const [row] = result.rows;
  if (!row?.zone_known) return 'unknown_zone';
  return row.id ? { me: toMe(row), audience: audienceFrom(row.audience!) } : undefined;
}
