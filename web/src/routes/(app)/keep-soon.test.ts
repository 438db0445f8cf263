import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepSoon } from './keep-soon';

describe('keepSoon', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('keeps a burst of changes once, after the first of them', () => {
    const keep = vi.fn();
    const soon = keepSoon(keep, 250);
    soon.changed();
    vi.advanceTimersByTime(100);
    soon.changed();
    soon.changed();
    expect(keep).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(keep).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(keep).toHaveBeenCalledTimes(1);
  });

  it('keeps a steady stream of changes every interval instead of putting it off', () => {
    const keep = vi.fn();
    const soon = keepSoon(keep, 250);
    for (let step = 0; step < 10; step++) {
      soon.changed();
      vi.advanceTimersByTime(100);
    }
    expect(keep).toHaveBeenCalledTimes(3);
  });

  it('keeps a pending change at once when asked, and nothing when none is pending', () => {
    const keep = vi.fn();
    const soon = keepSoon(keep, 250);
    soon.now();
    expect(keep).not.toHaveBeenCalled();
    soon.changed();
    soon.now();
    expect(keep).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(keep).toHaveBeenCalledTimes(1);
  });
});
