import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * Maps rows that a raw `db.execute` returned (keys: SQL column names, values as the driver gives
 * them) to `table`'s records, as Drizzle's query builder would: property names and each column's
 * own decoding (timestamps to `Date`, …). Built once per table, so a hot query can be a plain SQL
 * template (cheap to build) and still return typed records.
 */
export function rowMapper<T extends Table>(
  table: T,
): (row: Record<string, unknown>) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table)).map(
    ([key, column]) => [key, column.name, column] as const,
  );
  return (row) => {
    const record: Record<string, unknown> = {};
    for (const [key, name, column] of columns) {
      const value = row[name];
      record[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return record as T['$inferSelect'];
  };
}
