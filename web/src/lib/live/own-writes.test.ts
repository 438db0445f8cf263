import { describe, expect, it } from 'vitest';
import { isOwnWrite, ownWritesAnswered, rememberOwnWrite, trackWrite } from './own-writes';

describe('the tab’s own writes', () => {
  it('knows the poke of a write it answered, whatever the poke’s issue time', () => {
    rememberOwnWrite(
      new Headers({ 'x-change-cursor': 'c1.900.0.1700000000, c1.902.0.1700000001' }),
    );
    expect(isOwnWrite('c1.900.0.1700000005')).toBe(true);
    expect(isOwnWrite('c1.902.0.1700000001')).toBe(true);
    // Another device's write, and a cursor that is none.
    expect(isOwnWrite('c1.901.0.1700000000')).toBe(false);
    expect(isOwnWrite('nonsense')).toBe(false);
    rememberOwnWrite(new Headers());
    expect(isOwnWrite('c1.900.0.1')).toBe(true);
  });

  it('lets a poke that overtook its write’s answer wait for that answer', async () => {
    let answer = () => {};
    const write = trackWrite(() => new Promise<void>((resolve) => (answer = resolve)));
    let waited = false;
    const waiting = ownWritesAnswered().then(() => (waited = true));
    await Promise.resolve();
    expect(waited).toBe(false);
    answer();
    await write;
    await waiting;
    expect(waited).toBe(true);
    await ownWritesAnswered();
  });
});
