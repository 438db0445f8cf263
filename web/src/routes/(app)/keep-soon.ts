/**
 * Runs `keep` once, `ms` after the first change since it last ran: a burst of changes is one run,
 * and a steady stream of them (each sooner than `ms` after the last) still runs every `ms`, where
 * a debounce would put it off until the stream stops. `now` runs a pending one at once (the page
 * is leaving).
 */
export function keepSoon(keep: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const now = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    keep();
  };
  return {
    /** A change to keep: runs `keep` within `ms`. */
    changed: () => void (timer ??= setTimeout(now, ms)),
    now,
  };
}
