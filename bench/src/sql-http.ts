// SQL-over-HTTP from the bench itself, with no driver in between: the floor sends a prepared
// exchange and reads the answer without parsing it; seeding and checks parse it. The headers and
// body are exactly what `@neondatabase/serverless` sends, so the Neon server does the same work.

/** One statement and its parameters, as Neon's JSON body carries them. */
export interface SqlStatement {
  query: string;
  params: unknown[];
}

/** A request body and the Neon headers it is sent with (a recorded or a prepared exchange). */
export interface SqlExchange {
  body: string;
  headers: Record<string, string>;
}

export interface SqlHttp {
  /** The `/sql` URL every exchange is posted to. */
  endpoint: string;
  /** The exchange that runs `statement`, ready to send. */
  exchange(statement: SqlStatement): SqlExchange;
  /** One round trip; resolves once the whole answer has arrived, unparsed; rejects on a non-2xx. */
  send(exchange: SqlExchange): Promise<ArrayBuffer>;
  /** Runs one statement and returns its rows as arrays of Postgres text values (null for NULL). */
  query(query: string, params?: unknown[]): Promise<(string | null)[][]>;
}

/** A client of the Neon HTTP endpoint at `endpoint` for `connectionString`. */
export function createSqlHttp(endpoint: string, connectionString: string): SqlHttp {
  const headers = {
    'Neon-Connection-String': connectionString,
    'Neon-Raw-Text-Output': 'true',
    'Neon-Array-Mode': 'true',
  };
  const exchange = (statement: SqlStatement): SqlExchange => ({
    body: JSON.stringify({ query: statement.query, params: statement.params }),
    headers,
  });
  const send = async (call: SqlExchange): Promise<ArrayBuffer> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: call.headers,
      body: call.body,
    });
    const bytes = await response.arrayBuffer();
    if (!response.ok) {
      throw new Error(`SQL over HTTP → ${response.status}: ${new TextDecoder().decode(bytes)}`);
    }
    return bytes;
  };
  return {
    endpoint,
    exchange,
    send,
    async query(query, params = []) {
      const bytes = await send(exchange({ query, params }));
      const answer = JSON.parse(new TextDecoder().decode(bytes)) as { rows: (string | null)[][] };
      return answer.rows;
    },
  };
}
