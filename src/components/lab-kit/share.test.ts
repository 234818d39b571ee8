import { describe, expect, it } from 'vitest';
import {
  choiceField,
  decodePoints,
  encodePoints,
  encodeShare,
  gridField,
  isNumberIn,
  numberField,
  parseShare,
  restoreShare,
  SHARE_VERSION,
  type ShareField,
} from './share';

/** A lab's settings held in a plain object, declared like an island declares them. */
function labFields(start: Record<string, string>) {
  const state = { ...start };
  const access = (key: string) => ({ get: () => state[key]!, set: (v: string) => (state[key] = v) });
  const fields: ShareField[] = [
    numberField('learningRate', { min: 1e-6, max: 1 }, 'Learning rate', access('learningRate')),
    numberField('epochs', { min: 1, max: 100, integer: true }, 'Epochs', access('epochs')),
    choiceField('optimizer', ['adam', 'sgd'], 'Optimizer', access('optimizer')),
    numberField('noise', { min: -1, max: 1 }, 'Noise', access('noise')),
  ];
  return { state, fields };
}
const START = { learningRate: '0.001', epochs: '1', optimizer: 'adam', noise: '0' };
const defaults = new Map(Object.entries(START));
const values = (state: Record<string, string>) => Object.entries(state).map(([name, value]) => ({ name, value }));

describe('share links', () => {
  it('carry only the settings that differ from the defaults, with the lab and the version', () => {
    const hash = encodeShare('cnn-practice', values({ ...START, learningRate: '0.01', epochs: '2' }), defaults);
    expect(hash).toBe(`lab=cnn-practice&v=${SHARE_VERSION}&learningRate=0.01&epochs=2`);
    expect(encodeShare('cnn-practice', values(START), defaults)).toBe('lab=cnn-practice&v=1');
  });

  it('round-trip: decoding a link gives the same settings', () => {
    const changed = { learningRate: '0.05', epochs: '3', optimizer: 'sgd', noise: '-0.5' };
    const hash = encodeShare('lab-a', values(changed), defaults);
    const { state, fields } = labFields(START);
    const result = restoreShare(`#${hash}`, 'lab-a', fields);
    expect(result).toEqual({ kind: 'applied', applied: Object.keys(changed), rejected: [] });
    expect(state).toEqual(changed);
  });

  it('keeps odd characters intact and readable', () => {
    const hash = encodeShare('x', [{ name: 'text', value: 'a b&c=d,e;f' }], new Map());
    expect(hash).toBe('lab=x&v=1&text=a%20b%26c%3Dd,e;f');
    expect(parseShare(hash)?.values.get('text')).toBe('a b&c=d,e;f');
  });

  it('ignores a link for another lab, and a fragment that is an ordinary anchor', () => {
    const { state, fields } = labFields(START);
    expect(restoreShare('#lab=lab-b&v=1&epochs=5', 'lab-a', fields)).toEqual({ kind: 'none' });
    expect(restoreShare('#the-heading', 'lab-a', fields)).toEqual({ kind: 'none' });
    expect(restoreShare('', 'lab-a', fields)).toEqual({ kind: 'none' });
    expect(state).toEqual(START);
  });

  it('refuses bad values through the field check and keeps their defaults; ignores unknown keys', () => {
    const { state, fields } = labFields(START);
    const result = restoreShare(
      '#lab=lab-a&v=1&learningRate=abc&epochs=2.5&optimizer=adamw&noise=0.3&zzz=1',
      'lab-a',
      fields,
    );
    expect(result.kind).toBe('applied');
    if (result.kind !== 'applied') return;
    expect(result.applied).toEqual(['noise']);
    expect(result.rejected.map((r) => `${r.name}=${r.value}`)).toEqual([
      'learningRate=abc',
      'epochs=2.5',
      'optimizer=adamw',
    ]);
    expect(state).toEqual({ ...START, noise: '0.3' });
  });

  it('refuses a link of an unknown or missing version as a whole', () => {
    for (const v of ['2', '0', 'x', '']) {
      const { state, fields } = labFields(START);
      const hash = v === '' ? '#lab=lab-a&epochs=4' : `#lab=lab-a&v=${v}&epochs=4`;
      expect(restoreShare(hash, 'lab-a', fields)).toEqual({ kind: 'version', version: v });
      expect(state).toEqual(START);
    }
  });

  it('survives broken percent escapes', () => {
    const { state, fields } = labFields(START);
    expect(restoreShare('#lab=lab-a&v=1&epochs=%E0%A4%A&noise=0.5', 'lab-a', fields).kind).toBe('applied');
    expect(state.noise).toBe('0.5');
  });
});

describe('points', () => {
  it('are rounded, capped and decoded back', () => {
    const text = encodePoints(
      [
        { x: 0.123456, y: -1 },
        { x: 2, y: 0.5 },
      ],
      2,
      200,
    );
    expect(text).toBe('0.12,-1;2,0.5');
    expect(decodePoints(text)).toEqual([
      { x: 0.12, y: -1 },
      { x: 2, y: 0.5 },
    ]);
    expect(
      encodePoints(
        Array.from({ length: 10 }, (_, i) => ({ x: i, y: i })),
        2,
        3,
      ),
    ).toBe('0,0;1,1;2,2');
  });

  it('refuse what is not a list of points within range and cap', () => {
    expect(decodePoints('1,2;3')).toBeUndefined();
    expect(decodePoints('1,x')).toBeUndefined();
    expect(decodePoints('1,2;3,4;5,6', 2)).toBeUndefined();
    expect(decodePoints('9,0', 200, { min: -3, max: 3 })).toBeUndefined();
    expect(decodePoints('')).toEqual([]);
  });
});

describe('grids', () => {
  it('round-trip with their shape, and refuse another shape or a bad cell', () => {
    let grid = [
      [1, 0, -1],
      [2, 0.5, -2],
    ];
    const field = gridField('k', { rows: 2, cols: 3 }, (cell) => isNumberIn(cell, { min: -9, max: 9 }), 'Kernel', {
      get: () => grid,
      set: (g) => (grid = g),
    });
    expect(field.read()).toBe('1,0,-1;2,0.5,-2');
    expect(field.accept('1,2,3;4,5,6')).toBe(true);
    field.write('1,2,3;4,5,6');
    expect(grid).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(field.accept('1,2,3')).toBe(false);
    expect(field.accept('1,2,3;4,5')).toBe(false);
    expect(field.accept('1,2,3;4,5,99')).toBe(false);
    expect(field.accept('1,2,3;4,5,x')).toBe(false);
  });
});
