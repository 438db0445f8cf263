import { describe, expect, it } from 'vitest';
import { buildFromTemplate, type Built, type SlotValue } from './statement-templates.ts';

/** A build that counts its calls; `text` and `params` are what it makes of the values. */
function counted(make: (v: SlotValue[]) => { text: string; params: unknown[] }) {
  const calls = { n: 0 };
  const build = (v: SlotValue[]): Built<string> => {
    calls.n += 1;
    return { ...make(v), mapper: 'mapper' };
  };
  return { calls, build };
}

const shape = () => `shape ${crypto.randomUUID()}`;

describe('statements built once per shape', () => {
  it('fill the slots with each request’s values and keep the constants', () => {
    const key = shape();
    const { calls, build } = counted((v) => ({
      text: 'update t set title = $1, done = $2 where id = $3 and version = $4 and user = $5',
      params: [v[2], true, v[1], v[3], v[0]],
    }));
    for (const n of [1, 2, 3]) {
      const values = [`user ${n}`, `task ${n}`, `title ${n}`, n];
      const built = buildFromTemplate(key, values, build);
      expect(built).toEqual({
        text: 'update t set title = $1, done = $2 where id = $3 and version = $4 and user = $5',
        params: [`title ${n}`, true, `task ${n}`, n, `user ${n}`],
        mapper: 'mapper',
      });
    }
    expect(calls.n).toBe(2); // the two builds with stand-ins, none per request
  });

  it('build every time when a parameter is derived from a value', () => {
    const key = shape();
    const { calls, build } = counted((v) => ({
      text: 'select $1, $2',
      params: [v[0], String(v[1]).toUpperCase()],
    }));
    const built = buildFromTemplate(key, ['a', 'b'], build);
    expect(built.params).toEqual(['a', 'B']);
    expect(buildFromTemplate(key, ['c', 'd'], build).params).toEqual(['c', 'D']);
    expect(calls.n).toBe(4); // two stand-in builds found it ineligible, then one per request
  });

  it('build every time when the text depends on a value', () => {
    const key = shape();
    const { build } = counted((v) => ({ text: `select ${String(v[0])}`, params: [] }));
    expect(buildFromTemplate(key, ['1'], build).text).toBe('select 1');
    expect(buildFromTemplate(key, ['2'], build).text).toBe('select 2');
  });

  it('build every time when a parameter embeds a value', () => {
    const key = shape();
    const { build } = counted((v) => ({ text: 'select $1', params: [`x${String(v[0])}`] }));
    expect(buildFromTemplate(key, ['a'], build).params).toEqual(['xa']);
    expect(buildFromTemplate(key, ['b'], build).params).toEqual(['xb']);
  });

  it('fill an array slot, and take its length as part of the shape', () => {
    const key = shape();
    const { calls, build } = counted((v) => ({
      text: `select $1 /* ${(v[1] as string[]).length} */ where id = any($2)`,
      params: [v[0], v[1]],
    }));
    expect(buildFromTemplate(key, ['u', ['a', 'b']], build)).toMatchObject({
      text: 'select $1 /* 2 */ where id = any($2)',
      params: ['u', ['a', 'b']],
    });
    expect(buildFromTemplate(key, ['v', ['c', 'd', 'e']], build)).toMatchObject({
      text: 'select $1 /* 3 */ where id = any($2)',
      params: ['v', ['c', 'd', 'e']],
    });
    expect(calls.n).toBe(4);
  });
});
