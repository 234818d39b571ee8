// Each task checks its payloads where they enter the worker: well-formed jobs pass unchanged,
// malformed ones fail with the path of the field at fault.
import { describe, expect, it } from 'vitest';
import { BadMessage } from '../core/states';
import { articleCnn, recurrentModel } from '../models/model-config';
import { DEFAULT_GAN_CONFIG } from '../gan/gan-config';
import { parseGanCommand, parseGanJob, parseGanSettings } from './gan/job';
import { parseImageClassificationJob, parseInspectCommand } from './image-classification/job';
import { parseSequenceRegressionJob } from './sequence-regression/job';

const hyper = { learningRate: 0.001, batchSize: 32, epochs: 1, optimizer: 'adam', seed: 1 } as const;
const manifest = { kind: 'manifest', name: 'mnist', manifestUrl: 'http://x/data/manifest.json' } as const;
const images = {
  images: new Uint8Array(4),
  labels: new Uint8Array(1),
  imageShape: [2, 2, 1] as [number, number, number],
  classes: 2,
};
const windows = { xs: new Float32Array(8), ys: new Float32Array(2), steps: 4, outputs: 1 };

const rejects = (parse: (v: unknown) => unknown, value: unknown, path: string) => {
  expect(() => parse(value)).toThrow(BadMessage);
  expect(() => parse(value)).toThrow(path);
};

describe('image classification jobs', () => {
  it('accept a manifest or an inline dataset, with the task options', () => {
    const job = {
      model: articleCnn([28, 28, 1]),
      hyper,
      dataset: manifest,
      trainLimit: 100,
      mistake: 'detached-labels',
    };
    expect(parseImageClassificationJob(job)).toEqual(job);
    const inline = { model: articleCnn(), hyper, dataset: { kind: 'inline', name: 'x', train: images, test: images } };
    expect(parseImageClassificationJob(inline)).toEqual(inline);
    expect(parseInspectCommand({ kind: 'inspect', source: { testIndex: 3 } })).toEqual({
      kind: 'inspect',
      source: { testIndex: 3 },
    });
  });

  it('reject missing or malformed fields, naming them', () => {
    rejects(parseImageClassificationJob, { model: articleCnn(), hyper }, 'dataset');
    rejects(parseImageClassificationJob, { model: articleCnn(), hyper, dataset: { name: 'mnist' } }, 'dataset.kind');
    rejects(
      parseImageClassificationJob,
      { model: articleCnn(), hyper: { ...hyper, learningRate: -1 }, dataset: manifest },
      'hyper.learningRate',
    );
    rejects(
      parseImageClassificationJob,
      { model: articleCnn(), hyper: { ...hyper, optimizer: 'lbfgs' }, dataset: manifest },
      'hyper.optimizer',
    );
    rejects(parseImageClassificationJob, { model: { layers: [] }, hyper, dataset: manifest }, 'model.inputShape');
    rejects(
      parseImageClassificationJob,
      { model: articleCnn(), hyper, dataset: manifest, trainLimit: 0 },
      'job.trainLimit',
    );
    rejects(
      parseImageClassificationJob,
      { model: articleCnn(), hyper, dataset: manifest, mistake: 'other' },
      'job.mistake',
    );
    rejects(
      parseImageClassificationJob,
      {
        model: articleCnn(),
        hyper,
        dataset: { kind: 'inline', name: 'x', train: { ...images, images: [1, 2] }, test: images },
      },
      'dataset.train.images',
    );
    rejects(parseInspectCommand, { kind: 'inspect', source: { testIndex: -1 } }, 'command.source.testIndex');
    rejects(parseInspectCommand, { kind: 'walk' }, 'unknown command');
  });
});

describe('sequence regression jobs', () => {
  it('take windows only', () => {
    const model = recurrentModel('lstm', 4, 1, 8, 1, { regression: true });
    const job = { model, hyper, dataset: { kind: 'windows', train: windows, test: windows } };
    expect(parseSequenceRegressionJob(job)).toEqual(job);
    rejects(parseSequenceRegressionJob, { model, hyper, dataset: manifest }, 'dataset.kind');
    rejects(
      parseSequenceRegressionJob,
      { ...job, dataset: { ...job.dataset, train: { ...windows, xs: [] } } },
      'dataset.train.xs',
    );
  });
});

describe('GAN jobs, commands and settings', () => {
  const plane = {
    kind: 'plane',
    target: { kind: 'ring' },
    config: DEFAULT_GAN_CONFIG,
    schedule: { loss: 'non-saturating', dSteps: 1, gSteps: 1, batchSize: 16 },
    iterations: 10,
    seed: 1,
    show: 40,
  };
  it('accept the plane and images, reject the rest', () => {
    expect(parseGanJob(plane)).toEqual(plane);
    expect(parseGanJob({ ...plane, kind: 'images', target: undefined, dataset: manifest })).toMatchObject({
      kind: 'images',
      dataset: manifest,
    });
    rejects(parseGanJob, { ...plane, iterations: 0 }, 'job.iterations');
    rejects(parseGanJob, { ...plane, kind: 'images' }, 'job.dataset');
    rejects(parseGanJob, { ...plane, kind: 'sphere' }, 'job.kind');
    rejects(parseGanCommand, { kind: 'step', player: 'x' }, 'command.player');
    rejects(parseGanCommand, { kind: 'walk', from: 1, to: 2, steps: 1 }, 'command.steps');
    expect(parseGanCommand({ kind: 'walk', from: 1, to: 2, steps: 5 })).toEqual({
      kind: 'walk',
      from: 1,
      to: 2,
      steps: 5,
    });
  });

  it('keep only the settings in range', () => {
    expect(
      parseGanSettings({
        dLearningRate: -1,
        gLearningRate: 0.01,
        dSteps: 0,
        gSteps: 3,
        loss: 'minimax',
        minIterationMs: 50,
      }),
    ).toEqual({
      gLearningRate: 0.01,
      gSteps: 3,
      loss: 'minimax',
      minIterationMs: 50,
    });
  });
});
