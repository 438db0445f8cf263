import type { Change } from '@tasks/shared';
import { CATCH_UP_MS, FeedCursor } from './feed';
import { isOwnWrite, ownWritesAnswered } from './own-writes';
import { openLiveSocket } from './socket';

const CHANNEL = 'tasks-live';
const LEADER_LOCK = 'tasks-live-leader';
/** Missed pokes are repaired at the latest this often. */
const REPAIR_MS = 60_000;
/** Without WebSockets the feed is polled this often. */
const POLL_MS = 5_000;

/** The longest a poke waits for this tab's writes in flight to be answered. */
const OWN_WAIT_MS = 500;
/**
 * A page's read waits this long at most for the feed's starting cursor: with the feed
 * unreachable (offline, blocked) the page loads anyway, and reads again once a cursor is fixed.
 */
const START_WAIT_MS = 1_500;

type Relay = { type: 'poke'; cursor: string };

/**
 * Follows the change feed for this tab: `apply` gets every change after the tab started (the
 * page's own load is the snapshot), `resync` runs when the feed can no longer say what changed.
 * One tab per browser holds the live socket (a Web Lock elects it) and relays its pokes to the
 * others over a BroadcastChannel; every tab pulls on a poke, on focus, on reconnection and every
 * minute. Answers the function that stops it all, and when the starting cursor is fixed (a page's
 * own read waits for it: decision 0024).
 */
export function followChanges(
  apply: (changes: Change[]) => void,
  resync: () => void,
): { stop: () => void; started: Promise<void> } {
  const feed = new FeedCursor(apply, resync);
  const stops: (() => void)[] = [];
  const pull = () => void feed.pull().catch(() => undefined);

  async function pullTo(cursor: string) {
    // This tab's own write: its answer is on screen already (nothing else changed with it). The
    // poke may overtake the answer: decide once this tab's writes in flight are answered.
    // (A write retried for long, through an outage, holds nobody's changes back past OWN_WAIT_MS.)
    await Promise.race([ownWritesAnswered(), new Promise((done) => setTimeout(done, OWN_WAIT_MS))]);
    if (isOwnWrite(cursor)) return;
    for (const wait of [0, ...CATCH_UP_MS]) {
      if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
      await feed.pull().catch(() => undefined);
      if (feed.reached(cursor)) return;
    }
  }

  const channel =
    typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);
  if (channel) {
    const relayed = (event: MessageEvent<Relay>) => {
      if (event.data?.type === 'poke') void pullTo(event.data.cursor);
    };
    channel.addEventListener('message', relayed);
    stops.push(() => channel.close());
  }

  const lead = () => {
    const poll = () => {
      const timer = setInterval(pull, POLL_MS);
      stops.push(() => clearInterval(timer));
    };
    const stop = openLiveSocket({
      onPoke: (cursor) => {
        channel?.postMessage({ type: 'poke', cursor } satisfies Relay);
        void pullTo(cursor);
      },
      onOpen: pull,
      onUnavailable: poll,
    });
    stops.push(stop);
  };

  // The first pull only fixes the starting cursor.
  pull();
  const startWithout = setTimeout(() => feed.startWithout(), START_WAIT_MS);
  stops.push(() => clearTimeout(startWithout));
  if (typeof navigator !== 'undefined' && navigator.locks) {
    const abort = new AbortController();
    void navigator.locks
      .request(LEADER_LOCK, { signal: abort.signal }, () => {
        lead();
        // Held until this tab stops following; then the next tab in line takes over.
        return new Promise<void>((release) => stops.push(release));
      })
      .catch(() => undefined);
    stops.push(() => abort.abort());
  } else {
    lead();
  }

  const onFocus = () => {
    if (document.visibilityState === 'visible') pull();
  };
  document.addEventListener('visibilitychange', onFocus);
  window.addEventListener('focus', pull);
  const repair = setInterval(pull, REPAIR_MS);
  stops.push(() => {
    document.removeEventListener('visibilitychange', onFocus);
    window.removeEventListener('focus', pull);
    clearInterval(repair);
  });
  return { stop: () => stops.splice(0).forEach((stop) => stop()), started: feed.started };
}
