import type { ChangeCursor } from '@tasks/shared';
import { compareChangeCursors, decodeChangeCursor } from 'virtual:contract';

/**
 * Feed positions this tab's own writes produced (each write's answer carries its statement's
 * `X-Change-Cursor`, decision 0024). The poke for such a write needs no pull here: the write's
 * own answer already put its result on screen. Other tabs and devices did not see the answer and
 * do pull. Kept short: a poke arrives within moments of its answer.
 */
const RECENT = 64;
const recent: ChangeCursor[] = [];
/** Writes sent and not yet answered: a poke can overtake its own write's answer. */
let inFlight = 0;
const answered: (() => void)[] = [];

/** Notes the feed positions a write answer carries (one per transaction it ran), if any. */
export function rememberOwnWrite(headers: Headers): void {
  for (const cursor of headers.get('x-change-cursor')?.split(',') ?? []) {
    const position = decodeChangeCursor(cursor.trim());
    if (position) recent.push(position);
  }
  recent.splice(0, Math.max(0, recent.length - RECENT));
}

/** Runs a write, so a poke that arrives before its answer can wait for it (`ownWritesAnswered`). */
export async function trackWrite<T>(send: () => Promise<T>): Promise<T> {
  inFlight++;
  try {
    return await send();
  } finally {
    if (--inFlight === 0) answered.splice(0).forEach((resolve) => resolve());
  }
}

/** Resolves once every write this tab has sent so far has been answered (or failed). */
export function ownWritesAnswered(): Promise<void> {
  return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => answered.push(resolve));
}

/** Whether a poke's cursor is one of this tab's own writes (its issue time aside). */
export function isOwnWrite(cursor: string): boolean {
  const position = decodeChangeCursor(cursor.trim());
  return !!position && recent.some((own) => compareChangeCursors(own, position) === 0);
}

/** The latest feed position this tab's answered writes produced, if any. */
export function latestOwnWrite(): ChangeCursor | undefined {
  return recent.reduce<ChangeCursor | undefined>(
    (latest, own) => (latest && compareChangeCursors(latest, own) >= 0 ? latest : own),
    undefined,
  );
}
