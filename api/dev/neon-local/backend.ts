// The contract between the HTTP layer and a Postgres behind it. Values travel as Postgres's own
// text output (the client parses them by type OID), so a backend never converts a value.

/** One column of a RowDescription, as the wire protocol reports it. */
export interface FieldDescription {
  name: string;
  tableID: number;
  columnID: number;
  dataTypeID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
}

/** The outcome of one statement: text values (null stays null) and the parsed command tag. */
export interface TextResult {
  fields: FieldDescription[];
  rows: (string | null)[][];
  command: string;
  rowCount: number | null;
}

/** A statement with its parameters already in Postgres text form. */
export interface Statement {
  query: string;
  params: (string | null)[];
}

export type IsolationLevel =
  'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable';

export interface BatchOptions {
  isolationLevel?: IsolationLevel;
  readOnly: boolean;
  deferrable: boolean;
  /** Called after each statement inside the transaction; throwing rolls the whole batch back. */
  onResult(result: TextResult, index: number): void;
}

/** A Postgres that runs one statement, or a list of statements as one transaction. */
export interface SqlBackend {
  query(statement: Statement): Promise<TextResult>;
  batch(statements: Statement[], options: BatchOptions): Promise<TextResult[]>;
  close(): Promise<void>;
}

const ISOLATION_SQL: Record<IsolationLevel, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};

/** The BEGIN statement a batch opens with, carrying the Neon-Batch-* header options. */
export function beginStatement(options: Omit<BatchOptions, 'onResult'>): string {
  const modes: string[] = [];
  if (options.isolationLevel)
    modes.push(`ISOLATION LEVEL ${ISOLATION_SQL[options.isolationLevel]}`);
  if (options.readOnly) modes.push('READ ONLY');
  if (options.deferrable) modes.push('DEFERRABLE');
  return modes.length ? `BEGIN ${modes.join(', ')}` : 'BEGIN';
}

/** Splits a command tag the way Neon's proxy does: INSERT carries an OID before the count. */
export function parseCommandTag(tag: string): { command: string; rowCount: number | null } {
  const space = tag.indexOf(' ');
  if (space < 0) return { command: tag, rowCount: null };
  const command = tag.slice(0, space);
  const rest = tag.slice(space + 1);
  const count = command === 'INSERT' ? rest.split(' ')[1] : rest;
  return { command, rowCount: count !== undefined && /^\d+$/.test(count) ? Number(count) : null };
}

/** The fields of a Postgres ErrorResponse that Neon forwards to the client. */
export interface DatabaseErrorFields extends Error {
  code: string;
  severity: string;
  detail?: string;
  hint?: string;
  position?: string;
  internalPosition?: string;
  internalQuery?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  file?: string;
  line?: string;
  routine?: string;
}

/** True for an error Postgres itself reported (it carries a SQLSTATE and a severity). */
export function isDatabaseError(error: unknown): error is DatabaseErrorFields {
  if (typeof error !== 'object' || error === null) return false;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string';
}
