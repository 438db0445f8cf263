import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepSoon } from './keep-soon';

describe('keepSoon', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('keeps the first change at once, and a burst after it once more, 250 ms after', () => {
    const keep = vi.fn(() => true);
    const soon = keepSoon(keep, 250);
    soon.changed();
    expect(keep).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    soon.changed();
    soon.changed();
    expect(keep).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(150);
    expect(keep).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1_000);
    expect(keep).toHaveBeenCalledTimes(2);
  });

  it('keeps a steady stream of changes every interval instead of putting it off', () => {
    const keep = vi.fn(() => true);
    const soon = keepSoon(keep, 250);
    for (let step = 0; step < 10; step++) {
      soon.changed();
      vi.advanceTimersByTime(100);
    }
    // At 0, 250, 500, 750 and 1,000 ms.
    expect(keep).toHaveBeenCalledTimes(5);
  });

  it('does not count a run that kept nothing: the next change is kept at once', () => {
    let loaded = false;
    const keep = vi.fn(() => loaded);
    const soon = keepSoon(keep, 250);
    soon.changed();
    loaded = true;
    vi.advanceTimersByTime(10);
    soon.changed();
    expect(keep).toHaveBeenCalledTimes(2);
  });

  it('keeps a pending change at once when asked, and nothing when none is pending', () => {
    const keep = vi.fn(() => true);
    const soon = keepSoon(keep, 250);
    soon.now();
    expect(keep).not.toHaveBeenCalled();
    soon.changed();
    soon.changed();
    soon.now();
    expect(keep).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1_000);
    expect(keep).toHaveBeenCalledTimes(2);
  });
});
