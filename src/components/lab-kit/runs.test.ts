import { describe, expect, it } from 'vitest';
import {
  distinguishing,
  jobSettings,
  KEPT_MAX,
  KEPT_POINTS,
  loadKept,
  saveKept,
  settingsLabel,
  storageKey,
  thinCurve,
  withoutRun,
  withRun,
  type KeptRun,
  type RunStorage,
} from './runs';

/** an in-memory storage; `full` makes every write fail as a full quota does */
function fakeStorage(full = false): RunStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
}

const run = (id: string, settings: KeptRun['settings'] = {}, n = 3): KeptRun => ({
  id,
  date: '2026-01-01T00:00:00.000Z',
  settings,
  curves: { loss: Array.from({ length: n }, (_, i) => ({ x: i * 32, y: 2 - i / n })) },
});

describe('the kept-run store', () => {
  it('keeps runs per lab id, restores them and removes one', () => {
    const storage = fakeStorage();
    let runs = withRun([], run('a', { learningRate: 0.01 }));
    runs = withRun(runs, run('b', { learningRate: 0.1 }));
    expect(saveKept(storage, 'cnn-practice', runs)).toBe(true);
    expect(storage.data.has(storageKey('cnn-practice'))).toBe(true);
    expect(loadKept(storage, 'cnn-practice')).toEqual({ runs, ok: true });
    expect(loadKept(storage, 'gan-2d')).toEqual({ runs: [], ok: true });
    runs = withoutRun(runs, 'a');
    expect(runs.map((r) => r.id)).toEqual(['b']);
    saveKept(storage, 'cnn-practice', []);
    expect(storage.data.size).toBe(0);
  });

  it('keeps at most KEPT_MAX, dropping the oldest, and thins long curves', () => {
    let runs: KeptRun[] = [];
    for (let i = 0; i < KEPT_MAX + 2; i += 1) runs = withRun(runs, run(`r${i}`, {}, 500));
    expect(runs.map((r) => r.id)).toEqual(Array.from({ length: KEPT_MAX }, (_, i) => `r${i + 2}`));
    expect(runs[0]!.curves.loss).toHaveLength(KEPT_POINTS);
    expect(runs[0]!.curves.loss!.at(-1)).toEqual({ x: 499 * 32, y: 2 - 499 / 500 });
  });

  it('degrades quietly when the storage fails or holds rubbish', () => {
    expect(saveKept(fakeStorage(true), 'x', [run('a')])).toBe(false);
    expect(saveKept(undefined, 'x', [run('a')])).toBe(false);
    const throwing: RunStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {},
      removeItem: () => {},
    };
    expect(loadKept(throwing, 'x')).toEqual({ runs: [], ok: false });
    const storage = fakeStorage();
    storage.data.set(storageKey('x'), '{not json');
    expect(loadKept(storage, 'x').runs).toEqual([]);
    storage.data.set(storageKey('x'), JSON.stringify([{ id: 1 }, run('good'), { ...run('bad'), curves: null }]));
    expect(loadKept(storage, 'x').runs.map((r) => r.id)).toEqual(['good']);
  });
});

describe('thinCurve', () => {
  it('keeps short curves, drops non-finite points and keeps the ends of long ones', () => {
    expect(
      thinCurve([
        { x: 0, y: NaN },
        { x: 1, y: 2 },
      ]),
    ).toEqual([{ x: 1, y: 2 }]);
    const long = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i }));
    const thin = thinCurve(long, 10);
    expect(thin).toHaveLength(10);
    expect(thin[0]).toEqual({ x: 0, y: 0 });
    expect(thin.at(-1)).toEqual({ x: 999, y: 999 });
  });
});

describe('run settings and labels', () => {
  it('takes the primitive settings of a job, not its data or the page options', () => {
    const job = {
      model: {
        inputShape: [10, 4, 1],
        layers: [{ type: 'reshape' }, { type: 'lstm', units: 8 }, { type: 'dense', units: 4 }],
        optimizer: 'adam',
        units: 8,
      },
      hyper: { learningRate: 0.01, batchSize: 32, optimizer: 'sgd' },
      dataset: { kind: 'inline', name: 'recall', train: new Float32Array(4) },
      target: { kind: 'ring' },
      testLimit: 500,
      show: 400,
    };
    expect(jobSettings(job)).toEqual({
      learningRate: 0.01,
      batchSize: 32,
      optimizer: 'sgd',
      dataset: 'inline',
      name: 'recall',
      target: 'ring',
      units: 8,
      inputShape: '10×4×1',
      layers: 'lstm 8 → dense 4',
    });
  });

  it('names a run by the settings that differ from the other kept runs', () => {
    const a = { settings: { learningRate: 0.01, optimizer: 'adam', seed: 1 } };
    const b = { settings: { learningRate: 0.01, optimizer: 'sgd', seed: 1 } };
    expect(distinguishing([a, b])).toEqual(['optimizer']);
    expect(distinguishing([a])).toEqual(['optimizer', 'learningRate', 'seed']);
    expect(distinguishing([{ settings: { seed: 1, kind: 'x', trainLimit: 256, batchSize: 64, epochs: 1 } }])).toEqual([
      'batchSize',
      'epochs',
      'trainLimit',
      'seed',
    ]);
    expect(settingsLabel(b.settings, ['optimizer', 'missing'], (k) => k.toUpperCase())).toBe('OPTIMIZER sgd');
  });
});
