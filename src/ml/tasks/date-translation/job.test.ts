import { describe, expect, it } from 'vitest';
import { parseDateTranslationCommand, parseDateTranslationJob } from './job';

const job = {
  attention: true,
  units: 64,
  hyper: { learningRate: 0.01, batchSize: 64, epochs: 2, optimizer: 'adam', seed: 1 },
  stepsPerEpoch: 100,
  dataSeed: 7,
  validationSize: 500,
  testSize: 1000,
};

describe('the date-translation payloads', () => {
  it('accept the lab’s job and the reader’s text', () => {
    expect(parseDateTranslationJob(job)).toEqual(job);
    expect(parseDateTranslationCommand({ kind: 'translate', text: '3 May 2021' })).toEqual({
      kind: 'translate',
      text: '3 May 2021',
    });
  });

  it('refuse what the worker cannot run', () => {
    for (const bad of [
      { ...job, attention: 'yes' },
      { ...job, units: 0 },
      { ...job, units: 1000 },
      { ...job, stepsPerEpoch: 1.5 },
      { ...job, testSize: 0 },
      { ...job, hyper: { ...job.hyper, optimizer: 'lbfgs' } },
    ])
      expect(() => parseDateTranslationJob(bad)).toThrow();
    expect(() => parseDateTranslationCommand({ kind: 'translate', text: 'x'.repeat(201) })).toThrow();
    expect(() => parseDateTranslationCommand({ kind: 'walk', text: '' })).toThrow();
    expect(() => parseDateTranslationCommand({ kind: 'translate', text: 3 })).toThrow();
  });
});
