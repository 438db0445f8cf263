/**
 * Runs `keep` on a change at once when it last kept more than `ms` ago, else once `ms` after it
 * last kept: a burst of changes is one run more, and a steady stream of them still runs every
 * `ms`, where a debounce would put it off until the stream stops. `keep` answers whether it kept
 * anything (a view still loading keeps nothing, so its first shown state is kept at once). `now`
 * runs a pending one at once (the page is leaving).
 */
export function keepSoon(keep: () => boolean, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let keptAt = -Infinity;
  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    if (keep()) keptAt = Date.now();
  };
  return {
    /** A change to keep: runs `keep` now or within `ms`. */
    changed() {
      if (timer !== undefined) return;
      const wait = keptAt + ms - Date.now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    now: () => void (timer !== undefined && run()),
  };
}
