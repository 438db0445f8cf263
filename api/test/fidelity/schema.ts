// A small table covering the column types the app relies on.
import {
  bigint,
  boolean,
  date,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const items = pgTable('fidelity_items', {
  id: serial('id').primaryKey(),
  big: bigint('big', { mode: 'bigint' }),
  amount: numeric('amount', { precision: 12, scale: 2 }),
  done: boolean('done').notNull().default(false),
  title: text('title').notNull().unique('fidelity_items_title_key'),
  ref: uuid('ref').notNull().defaultRandom(),
  at: timestamp('at', { withTimezone: true }),
  day: date('day'),
  meta: jsonb('meta').$type<Record<string, unknown>>(),
  tags: text('tags').array(),
  note: text('note'),
});

export const CREATE_ITEMS = `CREATE TABLE fidelity_items (
  id serial PRIMARY KEY,
  big bigint,
  amount numeric(12, 2),
  done boolean NOT NULL DEFAULT false,
  title text NOT NULL CONSTRAINT fidelity_items_title_key UNIQUE,
  ref uuid NOT NULL DEFAULT gen_random_uuid(),
  at timestamptz,
  day date,
  meta jsonb,
  tags text[],
  note text
)`;

/** Strings that break naive quoting or encoding. */
export const AWKWARD_TEXT = `it's "quoted" \\ back\\slash, comma; ünïcødé 日本 🎉👩‍👩‍👧\nnew line`;
