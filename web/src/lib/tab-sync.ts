/** What one tab tells the user's other open tabs of this app. */
export type TabMessage =
  | { type: 'signed-in' }
  | { type: 'signed-out' }
  | { type: 'tasks-changed' }
  | { type: 'lists-changed' };

const CHANNEL = 'tasks-app';
let channel: BroadcastChannel | undefined;

function open(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  channel ??= new BroadcastChannel(CHANNEL);
  return channel;
}

/** Tells every other tab (never this one) that something happened. */
export function tellOtherTabs(message: TabMessage): void {
  open()?.postMessage(message);
}

/** Calls `handler` for every message from another tab; returns the unsubscribe function. */
export function onOtherTab(handler: (message: TabMessage) => void): () => void {
  const target = open();
  if (!target) return () => undefined;
  const listener = (event: MessageEvent<TabMessage>) => handler(event.data);
  target.addEventListener('message', listener);
  return () => target.removeEventListener('message', listener);
}
