export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: ToastAction;
  /** Called once when the toast leaves without its action being taken. */
  onExpire?: () => void;
}

/** How long a toast stays; its undo window is the same (paused while hovered or focused). */
export const TOAST_MS = 10_000;

class Toasts {
  items = $state<Toast[]>([]);
  #nextId = 1;

  /** Shows a toast and returns its id. */
  show(
    message: string,
    options: Omit<Toast, 'id' | 'message' | 'tone'> & { tone?: Toast['tone'] } = {},
  ) {
    const toast: Toast = { id: this.#nextId++, message, tone: options.tone ?? 'info', ...options };
    this.items.push(toast);
    return toast.id;
  }

  /** Shows an error message (announced assertively). */
  error(message: string) {
    return this.show(message, { tone: 'error' });
  }

  /** Removes a toast; `expired` runs its onExpire (the undo window closed). */
  dismiss(id: number, expired = true) {
    const toast = this.items.find((item) => item.id === id);
    if (!toast) return;
    this.items = this.items.filter((item) => item.id !== id);
    if (expired) toast.onExpire?.();
  }

  /** Takes the toast's action (e.g. Undo) and removes it without running onExpire. */
  act(id: number) {
    const toast = this.items.find((item) => item.id === id);
    this.dismiss(id, false);
    toast?.action?.run();
  }

  /** Closes every undo window now (the page is going away): pending work is committed. */
  expireAll() {
    for (const toast of [...this.items]) this.dismiss(toast.id);
  }
}

export const toasts = new Toasts();
