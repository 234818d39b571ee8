import { describe, expect, it } from 'vitest';
import type { FromWorker } from '../../ml/worker/protocol';
import { isHeavy, paintCount } from './paint-batch';

const progress = { type: 'progress', runId: 1, epoch: 0, batch: 1, totalBatches: 10 } as unknown as FromWorker;
const picture = { type: 'inspection', runId: 1 } as unknown as FromWorker;
const snapshot = { type: 'snapshot', runId: 1 } as unknown as FromWorker;
const memory = { type: 'memory', numTensors: 3 } as unknown as FromWorker;
const evaluation = { type: 'evaluation', runId: 1, epoch: 0, batch: 100 } as unknown as FromWorker;
const epochEnd = { ...evaluation, batch: undefined, worst: [] } as unknown as FromWorker;
const state = (s: string) => ({ type: 'state', runId: 1, state: s }) as unknown as FromWorker;
const fresh = () => false;

describe('isHeavy', () => {
  it('holds for pictures, a run’s first two progress messages, an epoch’s mistakes and the end of a run', () => {
    expect(isHeavy(picture, 5)).toBe(true);
    expect(isHeavy(progress, 0)).toBe(true);
    expect(isHeavy(progress, 1)).toBe(true);
    expect(isHeavy(progress, 2)).toBe(false);
    expect(isHeavy(evaluation, 5)).toBe(false);
    expect(isHeavy(epochEnd, 5)).toBe(true);
    expect(isHeavy(state('done'), 5)).toBe(true);
    expect(isHeavy(state('training'), 5)).toBe(false);
    expect(isHeavy(memory, 0)).toBe(false);
  });
});

describe('paintCount', () => {
  it('stops before the second heavy message', () => {
    expect(paintCount([picture, progress, progress, memory, snapshot], 5, fresh)).toBe(3 + 1);
    expect(paintCount([memory, picture, snapshot], 5, fresh)).toBe(2);
    expect(paintCount([progress, progress, progress], 5, fresh)).toBe(3);
  });
  it('counts the progress it takes: a run’s first and second progress get a paint each', () => {
    expect(paintCount([progress, memory, progress, progress], 0, fresh)).toBe(2);
    expect(paintCount([progress, memory, progress, progress], 1, fresh)).toBe(4);
    expect(paintCount([progress, memory, progress, progress], 2, fresh)).toBe(4);
  });
  it('paints an epoch’s mistakes and the end of the run apart', () => {
    expect(paintCount([evaluation, progress, epochEnd, state('done'), memory], 5, fresh)).toBe(3);
    expect(paintCount([state('done'), memory], 5, fresh)).toBe(2);
  });
  it('takes a backlog of more than three pictures at once', () => {
    expect(paintCount([picture, snapshot, picture, snapshot, progress], 5, fresh)).toBe(5);
    expect(paintCount([picture, snapshot, picture, progress], 5, fresh)).toBe(1);
  });
  it('takes stale messages without counting them as heavy', () => {
    const old = { ...(state('done') as object), runId: 0 } as FromWorker;
    const stale = (m: FromWorker) => 'runId' in m && m.runId === 0;
    expect(paintCount([old, old, picture, progress, snapshot], 5, stale)).toBe(4);
    expect(paintCount([old, old, picture, progress, snapshot], 5, fresh)).toBe(1);
  });
});
