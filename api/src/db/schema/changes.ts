import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { CHANGE_ENTITIES } from '@tasks/shared';

/** Postgres's 64-bit transaction id; read as text (it outgrows a JavaScript number). */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/**
 * The change feed (decision 0021): one row per user who may see a change, written by triggers in
 * the writing statement (migration 0011). A row only says "this entity changed for this user";
 * the feed reads the entity's current state, and its absence (deleted, or access lost) is the
 * tombstone. `xid` is the writing transaction: the feed never reads past the oldest transaction
 * still running, so a late commit is never skipped.
 */
export const changes = pgTable(
  'changes',
  {
    seq: bigint('seq', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    xid: xid8('xid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    // No foreign key: a user deleted in the statement that writes their last rows must not fail it.
    userId: uuid('user_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The feed's one range scan: a user's rows in feed order.
    index('changes_user_position_idx').on(t.userId, t.xid, t.seq),
    check(
      'changes_entity_kind',
      sql.raw(`entity in (${CHANGE_ENTITIES.map((entity) => `'${entity}'`).join(', ')})`),
    ),
  ],
);
