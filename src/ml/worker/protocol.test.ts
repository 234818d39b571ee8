import { describe, expect, it } from 'vitest';
import { articleCnn } from '../models/build-model';
import { isToWorker, transferablesOf } from './protocol';

const hyper = { learningRate: 0.001, batchSize: 32, epochs: 1, optimizer: 'adam', seed: 1 } as const;
const dataset = { kind: 'manifest', name: 'mnist', manifestUrl: 'http://x/data/manifest.json' };
const job = { model: articleCnn([28, 28, 1]), hyper, dataset };
const task = 'image-classification';

describe('isToWorker', () => {
  it('accepts every well-formed message', () => {
    for (const message of [
      { type: 'start', runId: 1, task, job },
      { type: 'command', runId: 1, command: { kind: 'inspect', source: { testIndex: 0 } } },
      { type: 'set', runId: 1, settings: { learningRate: 0.01 } },
      { type: 'pause', runId: 1 },
      { type: 'resume', runId: 1 },
      { type: 'step', runId: 1 },
      { type: 'stop', runId: 1 },
      { type: 'reset' },
      { type: 'set-backend', backend: 'wasm' },
      { type: 'get-memory' },
      { type: 'init', request: {} },
      { type: 'init', request: { backend: 'wasm', wasmThreads: 'off' } },
      { type: 'init', request: { wasmThreads: 2 } },
      { type: 'set-visible', visible: false },
      { type: 'save-model', runId: 1, to: 'browser', key: 'k' },
      { type: 'save-model', runId: 1, to: 'files', key: 'k' },
      { type: 'load-model', runId: 2, task, job, from: 'browser', key: 'k' },
      { type: 'load-model', runId: 2, task, job, from: 'files', modelJson: '{}', weights: {} },
    ]) {
      expect(isToWorker(message), JSON.stringify(message)).toBe(true);
    }
  });

  it('rejects malformed ones', () => {
    for (const message of [
      null,
      'start',
      {},
      { type: 'launch' },
      { type: 'pause' },
      { type: 'pause', runId: '1' },
      { type: 'start', runId: 1, model: articleCnn(), hyper },
      { type: 'start', runId: 1, task },
      { type: 'start', runId: 1, task: 7, job },
      { type: 'command', runId: 1 },
      { type: 'set', runId: 1, settings: 0.01 },
      { type: 'set-backend', backend: 'tpu' },
      { type: 'init' },
      { type: 'init', request: { backend: 'tpu' } },
      { type: 'init', request: { wasmThreads: 0 } },
      { type: 'init', request: { wasmThreads: 1.5 } },
      { type: 'set-visible', visible: 'no' },
      { type: 'save-model', runId: 1, to: 'cloud', key: 'k' },
      { type: 'load-model', runId: 2, task, job, from: 'files' },
      { type: 'load-model', runId: 2, task, job, from: 'browser' },
      { type: 'load-model', runId: 2, job, from: 'browser', key: 'k' },
    ]) {
      expect(isToWorker(message), JSON.stringify(message)).toBe(false);
    }
  });
});

describe('transferablesOf', () => {
  it("transfers a snapshot's buffer and nothing else", () => {
    const data = new Float32Array(4);
    expect(transferablesOf({ type: 'snapshot', runId: 1, kind: 'filters', shape: [2, 2], data })).toEqual([
      data.buffer,
    ]);
    expect(transferablesOf({ type: 'state', runId: 1, state: 'idle' })).toEqual([]);
  });

  it("transfers a saved model's weights", () => {
    const weights = new ArrayBuffer(8);
    expect(transferablesOf({ type: 'model-saved', runId: 1, to: 'files', modelJson: '{}', weights })).toEqual([
      weights,
    ]);
    expect(transferablesOf({ type: 'model-saved', runId: 1, to: 'browser' })).toEqual([]);
  });
});
