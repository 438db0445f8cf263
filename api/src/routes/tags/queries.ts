import { sql } from 'drizzle-orm';
import { TAG_COUNTS_MAX, type TagCount } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { listTagCounts } from '../../db/schema/task-counts.ts';
import { memberListIds } from '../lists/membership.ts';

/**
 * The caller's most used tags as `(name, count)` rows, most used first, then by name: the sum of
 * the per-list counters over the caller's lists, so its cost grows with the distinct tags of
 * those lists, never with their tasks.
 */
export const topTags = (userId: string) => sql`
  select ${listTagCounts.tag} as name, sum(${listTagCounts.count})::int as count
  from ${listTagCounts}
  where ${listTagCounts.listId} in ${memberListIds(userId)}
  group by ${listTagCounts.tag}
  order by count desc, ${listTagCounts.tag}
  limit ${TAG_COUNTS_MAX}`;

/** The caller's most used tags with how many tasks carry each. One round trip. */
export async function listTags(db: Database, userId: string): Promise<TagCount[]> {
  return (await db.execute<TagCount>(topTags(userId))).rows;
}
