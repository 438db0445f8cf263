import type { List, ListColor, ListUpdate } from '@tasks/shared';
import { apiPaths, ListPageSchema, ListSchema } from 'virtual:contract';
import { authorized } from './session';

/** The caller's lists (Inbox included) in their own order, each with its pending count. */
export async function listLists(signal?: AbortSignal): Promise<List[]> {
  return (await authorized(apiPaths.lists, { schema: ListPageSchema, signal })).data.data;
}

/** Creates a list owned by the caller, last in their order. */
export async function createList(input: { name: string; color?: ListColor }): Promise<List> {
  return (await authorized(apiPaths.lists, { method: 'POST', body: input, schema: ListSchema }))
    .data;
}

/** Renames, recolours or archives a list (owner), or moves it in the caller's own order. */
export async function updateList(id: string, changes: ListUpdate): Promise<List> {
  return (
    await authorized(apiPaths.list(id), { method: 'PATCH', body: changes, schema: ListSchema })
  ).data;
}

/** Deletes a list and its tasks (owner; never the Inbox). */
export async function deleteList(id: string): Promise<void> {
  await authorized(apiPaths.list(id), { method: 'DELETE' });
}
