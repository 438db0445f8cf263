import { sql } from 'drizzle-orm';
import type { TagCount } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { tasks } from '../../db/schema/tasks.ts';

/** Every tag on the caller's tasks with how many carry it, most used first, then by name. */
export async function countTags(db: Database, userId: string): Promise<TagCount[]> {
  const result = await db.execute<TagCount>(sql`
    select tag as name, count(*)::int as count
    from ${tasks}, unnest(${tasks.tags}) as tag
    where ${tasks.userId} = ${userId}
    group by tag
    order by count(*) desc, tag asc`);
  return result.rows;
}
