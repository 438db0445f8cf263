import { toasts } from '$lib/components/toasts.svelte';

// The one undoable change on offer: its toast's Undo button, `z` and Ctrl/Cmd+Z all take it.
// As in Todoist, a newer change replaces the offer; the replaced one closes as if it expired
// (a delete waiting out its window is then sent).

let offered: number | undefined;

/**
 * Shows `message` with Undo for the toast's window (TOAST_MS). `undo` runs the inverse as an
 * ordinary write; `onExpire` runs when the window closes without it (e.g. send a delete).
 */
export function offerUndo(message: string, undo: () => unknown, onExpire?: () => void): number {
  if (offered !== undefined) toasts.dismiss(offered);
  const id = toasts.show(message, {
    action: { label: 'Undo', run: () => void undo() },
    onExpire: () => {
      if (offered === id) offered = undefined;
      onExpire?.();
    },
  });
  offered = id;
  return id;
}

/**
 * Closes the offer as if its window ended, for a change whose own offer waits for its answer
 * (bulk work, a skip): Undo must not meanwhile revert the change before it.
 */
export function closeOffer(): void {
  if (offered !== undefined) toasts.dismiss(offered);
}

/** Takes the offered undo, if its window is still open; returns whether there was one. */
export function undoLast(): boolean {
  const id = offered;
  offered = undefined;
  if (id === undefined || !toasts.items.some((toast) => toast.id === id)) return false;
  toasts.act(id);
  return true;
}

/** Withdraws an offer whose change did not happen after all (its write was refused). */
export function withdraw(id: number): void {
  if (offered === id) offered = undefined;
  toasts.dismiss(id, false);
}

/** Says more about an offered change once its answer is known. */
export function retitle(id: number, message: string): void {
  const toast = toasts.items.find((item) => item.id === id);
  if (toast) toast.message = message;
}
