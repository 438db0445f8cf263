import { Column, is, SQL, sql, Table } from 'drizzle-orm';
import { alias, PgColumn, PgTable, PgUUID } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { tasks } from './schema/tasks.ts';

// `patches/drizzle-orm+*.patch` (decision 0032) replaces `is()`, which every query build calls
// for every chunk, with a per-class lookup: these are the answers the original walk gave.
describe("Drizzle's patched is()", () => {
  it('is the patched one (root postinstall: patch-package)', () => {
    expect(is.toString()).toContain('kindsOf');
  });

  it('knows a value by its class and every class it extends', () => {
    expect(is(tasks.id, PgUUID)).toBe(true);
    expect(is(tasks.id, PgColumn)).toBe(true);
    expect(is(tasks.id, Column)).toBe(true);
    expect(is(tasks, PgTable)).toBe(true);
    expect(is(tasks, Table)).toBe(true);
    expect(is(sql`x`, SQL)).toBe(true);
  });

  it('says no for other entity types, non-entities and primitives', () => {
    expect(is(tasks.id, Table)).toBe(false);
    expect(is(tasks, Column)).toBe(false);
    expect(is(sql`x`, Column)).toBe(false);
    expect(is({}, Column)).toBe(false);
    expect(is('id', Column)).toBe(false);
    expect(is(null, Column)).toBe(false);
  });

  it("knows an aliased table's columns (proxies) as columns", () => {
    const other = alias(tasks, 'other');
    expect(is(other.id, Column)).toBe(true);
    expect(is(other, Table)).toBe(true);
    expect(is(other.id, Table)).toBe(false);
  });

  it('still refuses a type that is not a Drizzle entity', () => {
    class NotAnEntity {}
    expect(() => is(tasks.id, NotAnEntity as never)).toThrow(/doesn't look like a Drizzle entity/);
  });
});
