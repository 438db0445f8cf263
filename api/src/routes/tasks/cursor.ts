import {
  isStorableText,
  PrioritySchema,
  SORT_ORDERS,
  TaskSortSchema,
  type SortOrder,
  type TaskSort,
} from '@tasks/shared';
import { z } from 'zod';
import { ApiError } from '../../api-error.ts';

export type { SortOrder };

/**
 * Where a page ended: the sort it belongs to, the last row's sort key and its id. `key` is null
 * only for a task without a due date under `sort=due_at`.
 */
export type Cursor = { sort: TaskSort; order: SortOrder; key: string | null; id: string };

const instant = z.iso.datetime();

/** The wire form: short keys keep the cursor (and the `Link` URL) small. */
const CursorWireSchema = z
  .strictObject({
    s: TaskSortSchema,
    o: z.enum(SORT_ORDERS),
    k: z.string().max(1024).nullable(),
    i: z.guid(),
  })
  .superRefine((wire, ctx) => {
    if (!keyFits(wire.s, wire.k)) ctx.addIssue({ code: 'custom', message: 'bad sort key' });
  });

/** The key must be something Postgres can compare against that sort's column without an error. */
function keyFits(sort: TaskSort, key: string | null): boolean {
  if (sort === 'due_at') return key === null || instant.safeParse(key).success;
  if (key === null) return false;
  if (sort === 'priority') return PrioritySchema.safeParse(key).success;
  if (sort === 'title') return isStorableText(key);
  return instant.safeParse(key).success;
}

/** Encodes a cursor as base64url JSON: opaque to clients, but no secret. */
export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify({ s: cursor.sort, o: cursor.order, k: cursor.key, i: cursor.id });
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * Decodes a cursor made by `encodeCursor` for the same sort and order. Anything else — garbage,
 * a tampered key, a cursor from another sort — is a 400 naming `cursor`.
 */
export function decodeCursor(text: string, sort: TaskSort, order: SortOrder): Cursor {
  const wire = CursorWireSchema.safeParse(parseJson(text));
  if (!wire.success || wire.data.s !== sort || wire.data.o !== order) {
    throw ApiError.badRequest('The query is invalid.', [
      { path: 'cursor', message: 'Invalid cursor: use the `Link` URL of the previous page' },
    ]);
  }
  return { sort, order, key: wire.data.k, id: wire.data.i.toLowerCase() };
}

function parseJson(text: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return undefined;
  }
}
