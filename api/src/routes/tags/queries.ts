import { sql } from 'drizzle-orm';
import { TAG_COUNTS_MAX, type TagCount } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { tagCounts } from '../../db/schema/task-counts.ts';

/**
 * The caller's most used tags as `(name, count)` rows, most used first, then by name: a range
 * scan of `tag_counts_user_top_idx` that stops after TAG_COUNTS_MAX rows, whatever the number of
 * tasks. `nulls last` is the index's order; without it Postgres would sort instead.
 */
export const topTags = (userId: string) => sql`
  select ${tagCounts.tag} as name, ${tagCounts.count} as count from ${tagCounts}
  where ${tagCounts.userId} = ${userId}
  order by ${tagCounts.count} desc nulls last, ${tagCounts.tag}
  limit ${TAG_COUNTS_MAX}`;

/** The caller's most used tags with how many tasks carry each. One round trip. */
export async function listTags(db: Database, userId: string): Promise<TagCount[]> {
  return (await db.execute<TagCount>(topTags(userId))).rows;
}
