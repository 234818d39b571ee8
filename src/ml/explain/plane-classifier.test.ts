import { describe, expect, it } from 'vitest';
import {
  defaultFinishedRun,
  makePlaneDataset,
  parameterCount,
  PLANE_DATASETS,
  PLANE_DEFAULTS,
  PlaneClassifier,
  type PlaneConfig,
} from './plane-classifier';

const config = (over: Partial<PlaneConfig> = {}): PlaneConfig => ({
  hidden: [5, 4],
  activation: 'tanh',
  learningRate: 0.03,
  seed: 3,
  ...over,
});

describe('toy data in the plane', () => {
  it('is balanced, inside the square and the same for the same seed', () => {
    for (const kind of PLANE_DATASETS) {
      const a = makePlaneDataset(kind, 200, 0.05, 7);
      const b = makePlaneDataset(kind, 200, 0.05, 7);
      expect(a.xy).toEqual(b.xy);
      expect(a.label.reduce((s, v) => s + v, 0)).toBe(100);
      for (const v of a.xy) expect(Math.abs(v)).toBeLessThan(1.3);
    }
    expect(makePlaneDataset('spiral', 10, 0.05, 1).xy).not.toEqual(makePlaneDataset('spiral', 10, 0.05, 2).xy);
  });
});

describe('the plane classifier', () => {
  it('has the parameters its shape implies', () => {
    const net = new PlaneClassifier(config());
    expect(net.layers.map((l) => l.w.length + l.b.length)).toEqual([15, 24, 5]);
    expect(parameterCount([5, 4])).toBe(44);
    expect(parameterCount(PLANE_DEFAULTS.hidden)).toBe(2 * 16 + 16 + 16 * 16 + 16 + 17);
  });

  for (const activation of ['tanh', 'relu'] as const) {
    it(`backpropagates the exact gradient (${activation}, checked against central differences)`, () => {
      const data = makePlaneDataset('moons', 24, 0.1, 5);
      const net = new PlaneClassifier(config({ activation }));
      net.gradient(data);
      const h = 1e-6;
      for (const layer of net.layers) {
        for (const [params, grads] of [
          [layer.w, layer.gw],
          [layer.b, layer.gb],
        ] as const) {
          for (let j = 0; j < params.length; j++) {
            const keep = params[j]!;
            params[j] = keep + h;
            const up = net.evaluate(data).loss;
            params[j] = keep - h;
            const down = net.evaluate(data).loss;
            params[j] = keep;
            expect(grads[j]!).toBeCloseTo((up - down) / (2 * h), 6);
          }
        }
      }
    });
  }

  it('learns each toy problem well beyond chance with the defaults', () => {
    for (const kind of PLANE_DATASETS) {
      const train = makePlaneDataset(kind, PLANE_DEFAULTS.points, PLANE_DEFAULTS.noise, 1);
      const test = makePlaneDataset(kind, PLANE_DEFAULTS.points, PLANE_DEFAULTS.noise, 2);
      const net = new PlaneClassifier({ ...PLANE_DEFAULTS, hidden: [...PLANE_DEFAULTS.hidden] });
      const first = net.evaluate(train).loss;
      for (let s = 0; s < PLANE_DEFAULTS.steps; s++) net.step(train);
      const after = net.evaluate(test);
      expect(net.evaluate(train).loss, kind).toBeLessThan(first / 4);
      expect(after.accuracy, kind).toBeGreaterThan(0.9);
    }
  });

  it('trains the default run once and reuses it', () => {
    const run = defaultFinishedRun();
    expect(run.net.steps).toBe(PLANE_DEFAULTS.steps);
    expect(defaultFinishedRun()).toBe(run);
    expect(run.net.evaluate(run.test).accuracy).toBeGreaterThan(0.9);
  });

  it('replays the same run for the same seed', () => {
    const data = makePlaneDataset('xor', 40, 0.05, 1);
    const runs = [1, 2].map(() => {
      const net = new PlaneClassifier(config());
      return Array.from({ length: 20 }, () => net.step(data));
    });
    expect(runs[0]).toEqual(runs[1]);
  });
});
