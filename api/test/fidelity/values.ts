// Values travel as Postgres's exact text output and come back as the client's pg-types values.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { AWKWARD_TEXT, items } from './schema.ts';
import type { Fidelity } from './context.ts';

const RAW_TEXT = { getTypeParser: () => (value: string) => value };

const EVERY_TYPE = `SELECT 2147483647::int4 AS int4, 9223372036854775807::int8 AS int8,
  1.50::numeric AS numeric, true AS yes, false AS no, 'x'::text AS text,
  '6f1c3a52-9c1e-4c56-a1d8-2b0f0f6e9a11'::uuid AS uuid,
  '2024-01-02 03:04:05.678+00'::timestamptz AS ts, '2024-02-29'::date AS day,
  '{"b": 1, "a": [1, "2", null]}'::jsonb AS doc, ARRAY['a', 'b c', NULL, 'q"d']::text[] AS list,
  '\\x0102ff'::bytea AS bytes, NULL::text AS nothing`;

export function valueTests(t: Fidelity) {
  it('returns every type as the text Postgres prints, with its type OID', async () => {
    const result = await t.sql.query(EVERY_TYPE, [], {
      fullResults: true,
      arrayMode: true,
      types: RAW_TEXT,
    });
    expect(result.rows).toEqual([
      [
        '2147483647',
        '9223372036854775807',
        '1.50',
        't',
        'f',
        'x',
        '6f1c3a52-9c1e-4c56-a1d8-2b0f0f6e9a11',
        '2024-01-02 03:04:05.678+00',
        '2024-02-29',
        '{"a": [1, "2", null], "b": 1}',
        '{a,"b c",NULL,"q\\"d"}',
        '\\x0102ff',
        null,
      ],
    ]);
    expect(result.fields.map((field) => field.dataTypeID)).toEqual([
      23, 20, 1700, 16, 16, 25, 2950, 1184, 1082, 3802, 1009, 17, 25,
    ]);
    expect(result.fields[0]).toEqual({
      name: 'int4',
      tableID: 0,
      columnID: 0,
      dataTypeID: 23,
      dataTypeSize: 4,
      dataTypeModifier: -1,
      format: 'text',
    });
  });

  // drizzle() (imported by this suite, as by the worker) makes the client return timestamps and
  // dates as their text, process-wide; every other type is parsed by pg-types.
  it('parses the text with pg-types like Neon does', async () => {
    const [row] = await t.sql.query(EVERY_TYPE);
    expect(row).toEqual({
      int4: 2147483647,
      int8: '9223372036854775807',
      numeric: '1.50',
      yes: true,
      no: false,
      text: 'x',
      uuid: '6f1c3a52-9c1e-4c56-a1d8-2b0f0f6e9a11',
      ts: '2024-01-02 03:04:05.678+00',
      day: '2024-02-29',
      doc: { a: [1, '2', null], b: 1 },
      list: ['a', 'b c', null, 'q"d'],
      bytes: Buffer.from([1, 2, 255]),
      nothing: null,
    });
  });

  it('round-trips parameters: arrays, JSON objects, dates, awkward strings, null', async () => {
    const list = ['plain', AWKWARD_TEXT, 'NULL', '', 'with,comma', '{braces}'];
    const doc = { text: AWKWARD_TEXT, nested: { list: [1, 'two', null, true] } };
    const at = new Date('2024-06-30T22:15:00.125Z');
    const [row] = await t.sql`SELECT ${list}::text[] AS list, ${doc}::jsonb AS doc,
      ${at}::timestamptz AS at, ${AWKWARD_TEXT} AS text, ${AWKWARD_TEXT}::varchar(200) AS varchar,
      ${[
        [1, 2],
        [3, null],
      ]}::int4[] AS grid, ${null}::text AS nothing, ${42}::int8 AS big,
      ${true}::bool AS flag, ${Buffer.from('hé')}::bytea AS bytes`;
    expect(new Date(String(row?.at))).toEqual(at);
    expect(row).toEqual({
      list,
      doc,
      at: '2024-06-30 22:15:00.125+00',
      text: AWKWARD_TEXT,
      varchar: AWKWARD_TEXT,
      grid: [
        [1, 2],
        [3, null],
      ],
      nothing: null,
      big: '42',
      flag: true,
      bytes: Buffer.from('hé'),
    });
  });

  it('round-trips every column type through drizzle', async () => {
    const values = {
      big: 9007199254740993n,
      amount: '1234.50',
      done: true,
      title: AWKWARD_TEXT,
      at: new Date('2024-02-29T23:59:59.123Z'),
      day: '2024-02-29',
      meta: { quote: 'he said "hi"', emoji: '🎉', nested: { a: [1, 'two', null] } },
      tags: ['a', 'b c', 'with,comma', 'with"quote', 'NULL', ''],
      note: null,
    };
    const [inserted] = await t.db.insert(items).values(values).returning();
    expect(inserted).toMatchObject({ id: 1, ...values });
    expect(inserted?.ref).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const read = await t.db.select().from(items).where(eq(items.id, 1));
    expect(read).toEqual([inserted]);
    const found = await t.db.query.items.findFirst({ where: eq(items.title, AWKWARD_TEXT) });
    expect(found).toEqual(inserted);
  });

  it('honours arrayMode and fullResults, per client and per query', async () => {
    await t.sql`INSERT INTO fidelity_items (title) VALUES ('a'), ('b')`;
    const query = 'SELECT id, title FROM fidelity_items ORDER BY id';
    expect(await t.sql.query(query, [], { arrayMode: true })).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    const full = await t.sql.query(query, [], { fullResults: true });
    expect(full).toMatchObject({ command: 'SELECT', rowCount: 2, rowAsArray: false });
    expect(full.rows).toEqual([
      { id: 1, title: 'a' },
      { id: 2, title: 'b' },
    ]);
    expect(full.fields.map((field) => [field.name, field.dataTypeID, field.columnID])).toEqual([
      ['id', 23, 1],
      ['title', 25, 5],
    ]);
    expect(full.fields[0]?.tableID).toBeGreaterThan(0);
  });

  it('reports the command tag and affected rows of every kind of statement', async () => {
    const tag = async (query: string) => {
      const { command, rowCount } = await t.sql.query(query, [], { fullResults: true });
      return [command, rowCount];
    };
    expect(await tag("INSERT INTO fidelity_items (title) VALUES ('a'), ('b'), ('c')")).toEqual([
      'INSERT',
      3,
    ]);
    expect(await tag("UPDATE fidelity_items SET done = true WHERE title <> 'a'")).toEqual([
      'UPDATE',
      2,
    ]);
    expect(await tag("DELETE FROM fidelity_items WHERE title = 'a'")).toEqual(['DELETE', 1]);
    expect(await tag('SELECT * FROM fidelity_items WHERE false')).toEqual(['SELECT', 0]);
    expect(await tag('CREATE TABLE IF NOT EXISTS fidelity_scratch (x int)')).toEqual([
      'CREATE',
      null,
    ]);
  });
}
