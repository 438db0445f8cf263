/**
 * The device's offline store (decision 0022): one IndexedDB database with the last known state
 * of each view (`snapshots`), the writes not yet answered (`outbox`, in the order they were
 * made) and who they belong to (`meta`). Every function opens its own transaction.
 */
const NAME = 'tasks-offline';
const VERSION = 1;
export type StoreName = 'snapshots' | 'outbox' | 'meta';

let opening: Promise<IDBDatabase> | undefined;

export function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('snapshots');
      db.createObjectStore('meta');
      // The key generator only grows, so `seq` is the order the writes were made in.
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

/** Runs `work` in one transaction and resolves with its request's result once it commits. */
export async function inStore<T>(
  name: StoreName,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T> {
  const db = await openDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(name, mode);
    const request = work(tx.objectStore(name));
    tx.oncomplete = () => resolve(request ? request.result : (undefined as T));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Empties every store (signing out, or another user signed in on this device). */
export async function clearAll(): Promise<void> {
  for (const name of ['snapshots', 'outbox', 'meta'] as const) {
    await inStore(name, 'readwrite', (store) => store.clear());
  }
}

/** Closes the connection (tests reopen a fresh database). */
export async function closeDb(): Promise<void> {
  const db = await opening?.catch(() => undefined);
  db?.close();
  opening = undefined;
}
