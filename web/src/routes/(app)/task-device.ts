import type { OutboxEntry, OutboxWrite } from '$lib/offline/outbox';
import type { Snapshot } from '$lib/offline/snapshot';

// What the task store keeps on this device (decision 0022). The IndexedDB code is loaded on first
// use, so `/` ships without it; a device that cannot keep anything (no IndexedDB, private mode
// quotas) still works online, so every failure here is swallowed.
const device = () => import('$lib/offline/device');

export function recall(view: string): Promise<Snapshot | undefined> {
  return device()
    .then((offline) => offline.recall(view))
    .catch(() => undefined);
}

/** The writes an earlier page journaled and never saw answered, oldest first. */
export function leftBehind(): Promise<OutboxEntry[]> {
  return device()
    .then((offline) => offline.leftBehind())
    .catch(() => []);
}

export function remember(view: string, snapshot: Snapshot): void {
  void device()
    .then((offline) => offline.remember(view, snapshot))
    .catch(() => undefined);
}

/** Journals a write in the outbox before it is sent (kept until it is answered). */
export function journal(write: OutboxWrite): Promise<number | undefined> {
  return device()
    .then((offline) => offline.journal(write))
    .catch(() => undefined);
}

/** The journaled write got its answer. */
export function unjournal(entry: Promise<number | undefined>): void {
  void entry
    .then(async (seq) => {
      if (seq !== undefined) await (await device()).settled(seq);
    })
    .catch(() => undefined);
}
