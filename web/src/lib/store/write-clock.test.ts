import { describe, expect, it } from 'vitest';
import { WriteClock } from './write-clock';

/** A promise the test settles by hand, to order a read's answer against a write's. */
function later<T>() {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, settle };
}

describe('the write clock', () => {
  it('applies a read that crossed no write', () => {
    let reads = 0;
    const clock = new WriteClock(() => reads++);
    expect(clock.fresh(clock.now())).toBe(true);
    expect(reads).toBe(0);
  });

  it('drops a read answered after a write, and reads again at once', async () => {
    let reads = 0;
    const clock = new WriteClock(() => reads++);
    const start = clock.now();
    await clock.write(async () => 'saved');
    expect(clock.fresh(start)).toBe(false);
    expect(reads).toBe(1);
  });

  it('drops a read answered while a write is on its way, and reads again after its answer', async () => {
    let reads = 0;
    const clock = new WriteClock(() => reads++);
    const answer = later<string>();
    const writing = clock.write(() => answer.promise);
    expect(clock.fresh(clock.now())).toBe(false);
    expect(reads).toBe(0);
    answer.settle('saved');
    await expect(writing).resolves.toBe('saved');
    expect(reads).toBe(1);
  });

  it('counts a failed write as crossed too', async () => {
    const clock = new WriteClock(() => undefined);
    const start = clock.now();
    await expect(clock.write(() => Promise.reject(new Error('offline')))).rejects.toThrow();
    expect(clock.fresh(start)).toBe(false);
  });
});
