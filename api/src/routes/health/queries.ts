import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';

/** One real round trip to the database; throws if it cannot answer. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
