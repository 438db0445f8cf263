// Feed cursors, without zod: the web imports these as they are (vite/contract-plugin.ts).

/**
 * A feed position: every change of a transaction with id below `xid` has been delivered, and of
 * transaction `xid` those numbered below `seq`. `issuedAt` (Unix seconds) dates the oldest part
 * of it, for the retention check. Ids are decimal strings: a 64-bit `xid8` outgrows a double.
 */
export type ChangeCursor = { xid: string; seq: string; issuedAt: number };

const CURSOR = /^c1\.(\d{1,20})\.(\d{1,20})\.(\d{1,12})$/;

export function encodeChangeCursor(cursor: ChangeCursor): string {
  return `c1.${cursor.xid}.${cursor.seq}.${cursor.issuedAt}`;
}

/** The cursor, or undefined when `value` is not one this API wrote. */
export function decodeChangeCursor(value: string): ChangeCursor | undefined {
  const match = CURSOR.exec(value);
  if (!match) return undefined;
  return { xid: match[1]!, seq: match[2]!, issuedAt: Number(match[3]) };
}

/** Orders two positions (-1, 0, 1); the issue time plays no part. */
export function compareChangeCursors(a: ChangeCursor, b: ChangeCursor): number {
  const x = BigInt(a.xid) - BigInt(b.xid);
  const d = x !== 0n ? x : BigInt(a.seq) - BigInt(b.seq);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
