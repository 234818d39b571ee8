/**
 * "Copy as code": for every lab family's defaults and a changed setting, the generated TensorFlow.js
 * script type-checks against @tensorflow/tfjs's own types, builds (in Node, cpu backend) a model
 * with the same parameter count as the lab's own model, and a tiny version of it trains; the Keras
 * script is valid Python (when python3 is here) and states the same layer sizes.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parameterCount as planeParams } from '../explain/plane-classifier';
import { createGan2d, disposeGan, parameterCount } from '../gan/gan-2d';
import { DEFAULT_GAN_CONFIG } from '../gan/gan-config';
import { DIGITS_PRESET, PRESETS } from '../gan/presets';
import { buildModel, disposeModel } from '../models/build-model';
import { FORECAST_PRESETS } from '../models/forecast-presets';
import { RACE_SETTINGS } from '../models/race-presets';
import { articleCnn, recurrentModel, type ModelConfig } from '../models/model-config';
import type { Hyperparameters } from '../hyperparameters';
import { kerasScript } from './keras';
import { TFJS_RUN_LINE, type CodeSpec } from './spec';
import { tfjsScript } from './tfjs';

const hyper: Hyperparameters = { learningRate: 0.001, batchSize: 32, epochs: 1, optimizer: 'adam', seed: 42 };
const supervised = (model: ModelConfig, data: Extract<CodeSpec, { kind: 'supervised' }>['data'], over = {}) =>
  ({ kind: 'supervised', model, hyper: { ...hyper, ...over }, data }) as const;
const race = (cell: 'simpleRNN' | 'lstm', length: number, forgetBias?: number) =>
  recurrentModel(cell, length, RACE_SETTINGS.symbols + 1, cell === 'lstm' ? 18 : 40, RACE_SETTINGS.symbols, {
    ...(forgetBias === undefined ? {} : { forgetBias }),
  });
const images = (
  dataset: 'mnist' | 'fashion-mnist' | 'cifar-10' | 'emoji' | 'spoken-digits',
  train = 2000,
  test = 500,
) => ({ kind: 'images', dataset, train, test }) as const;
const converges = PRESETS.converges;
const plane = (hidden: number[], activation: 'tanh' | 'relu', dataset: 'spiral' | 'xor' | 'moons' | 'circles') =>
  ({ kind: 'plane', hidden, activation, learningRate: 0.03, steps: 1500, dataset, points: 200, noise: 0.05 }) as const;

/** Every family, at its defaults and with a setting changed. */
const CASES: Record<string, CodeSpec> = {
  'cnn default': supervised(articleCnn([28, 28, 1]), images('mnist')),
  'cnn cosine rmsprop fashion': supervised(articleCnn([28, 28, 1]), images('fashion-mnist', 256), {
    learningRate: 0.003,
    schedule: 'cosine',
    optimizer: 'rmsprop',
  }),
  'cnn with the chance lab’s mistake': supervised(articleCnn([28, 28, 1]), {
    ...images('mnist', 2000),
    mistake: 'detached-labels',
  }),
  'cnn emoji 32×32×3': supervised(articleCnn([32, 32, 3]), images('emoji')),
  'cnn cifar batch 64 sgd': supervised(articleCnn([32, 32, 3]), images('cifar-10', 10000), {
    batchSize: 64,
    optimizer: 'sgd',
  }),
  'mnist rows lstm': supervised(recurrentModel('lstm', 28, 28, 64, 10), images('mnist', 10000, 1000)),
  'mnist rows gru': supervised(recurrentModel('gru', 28, 28, 64, 10), images('mnist', 10000, 1000)),
  'speech simple rnn': supervised(recurrentModel('simpleRNN', 40, 32, 64, 10), images('spoken-digits', 1980, 220)),
  'forecaster default': supervised(
    recurrentModel('lstm', FORECAST_PRESETS.sp500.settings.window, 1, 32, 1, { regression: true }),
    { kind: 'series', name: 'the S&P 500' },
  ),
  'forecaster window 12': supervised(recurrentModel('lstm', 12, 1, 32, 1, { regression: true }), {
    kind: 'series',
    name: 'the CO₂ at Mauna Loa',
  }),
  'race rnn': supervised(race('simpleRNN', 80), { kind: 'recall', length: 80, symbols: 4, train: 2000, test: 500 }),
  'race lstm': supervised(race('lstm', 80, 2), { kind: 'recall', length: 80, symbols: 4, train: 2000, test: 500 }),
  'race lstm length 20 bias 1': supervised(race('lstm', 20, 1), {
    kind: 'recall',
    length: 20,
    symbols: 4,
    train: 2000,
    test: 500,
  }),
  'gan 2-d default': {
    kind: 'gan',
    config: converges.config,
    schedule: converges.schedule,
    iterations: converges.iterations,
    data: { kind: 'plane', target: converges.target },
  },
  'gan 2-d minimax relu moons': {
    kind: 'gan',
    config: { ...DEFAULT_GAN_CONFIG, activation: 'relu', generatorHidden: [64], discriminatorHidden: [16, 16, 16] },
    schedule: { loss: 'minimax', dSteps: 3, gSteps: 1, batchSize: 64 },
    iterations: 300,
    data: { kind: 'plane', target: { kind: 'moons' } },
  },
  'gan 2-d drawn spiral': {
    kind: 'gan',
    config: DEFAULT_GAN_CONFIG,
    schedule: converges.schedule,
    iterations: 100,
    data: { kind: 'plane', target: { kind: 'drawn', points: [0.5, 1, -1.25, 2, 0, 0] } },
  },
  'gan digits default': {
    kind: 'gan',
    config: DIGITS_PRESET.config,
    schedule: { loss: 'non-saturating', dSteps: 1, gSteps: 1, batchSize: DIGITS_PRESET.batchSize },
    iterations: DIGITS_PRESET.iterations,
    data: { kind: 'images', dataset: 'mnist' },
  },
  'gan digits fashion lr': {
    kind: 'gan',
    config: { ...DIGITS_PRESET.config, dLearningRate: 1e-4 },
    schedule: { loss: 'non-saturating', dSteps: 1, gSteps: 1, batchSize: 32 },
    iterations: 50,
    data: { kind: 'images', dataset: 'fashion-mnist' },
  },
  'plane default': plane([16, 16], 'tanh', 'spiral'),
  'plane 4 relu xor': plane([4, 4], 'relu', 'xor'),
  'plane circles': plane([8, 8], 'tanh', 'circles'),
};

/** The parameter count of the lab's own model for a spec (built the way the lab builds it). */
function labParams(spec: CodeSpec): number {
  if (spec.kind === 'plane') return planeParams(spec.hidden);
  if (spec.kind === 'gan') {
    const gan = createGan2d(spec.config, 1);
    const n = parameterCount(gan.generator) + parameterCount(gan.discriminator);
    disposeGan(gan);
    return n;
  }
  const model = buildModel(spec.model, 1);
  const n = model.countParams();
  disposeModel(model);
  return n;
}

const ROOT = process.cwd();

/** Type-checks JavaScript modules against the installed @tensorflow/tfjs types; one message per error. */
function typeCheck(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  };
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, 'codegen-check', name), text]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  host.readFile = (f) => virtual.get(f) ?? readFile(f);
  host.getSourceFile = (f, language, ...rest) =>
    virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!, language) : getSourceFile(f, language, ...rest);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const name = d.file ? path.basename(d.file.fileName) : '';
    return `${name}:${where ? where.line + 1 : '?'} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

interface ScriptModule {
  buildModel?: () => tf.LayersModel;
  buildModels?: () => { generator: tf.LayersModel; discriminator: tf.LayersModel };
  main: () => Promise<void>;
}

/** Runs a generated script in this process (its `import` of tfjs is this tfjs), without its last line. */
function load(script: string, log: (line: string) => void = () => {}): ScriptModule {
  expect(script.trimEnd().endsWith(TFJS_RUN_LINE)).toBe(true);
  const body = script.trimEnd().slice(0, -TFJS_RUN_LINE.length);
  const js = ts.transpileModule(body, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: 'train.js',
  }).outputText;
  const exports: Record<string, unknown> = {};
  const require = (name: string) => {
    if (name !== '@tensorflow/tfjs') throw new Error(`the script imports ${name}`);
    return tf;
  };
  const quiet = { ...console, log: (...args: unknown[]) => log(args.map(String).join(' ')) };
  new Function('require', 'exports', 'console', js)(require, exports, quiet);
  return exports as unknown as ScriptModule;
}

function scriptParams(module: ScriptModule): number {
  if (module.buildModels) {
    const { generator, discriminator } = module.buildModels();
    const n = generator.countParams() + discriminator.countParams();
    generator.dispose();
    discriminator.dispose();
    return n;
  }
  const model = module.buildModel!();
  const n = model.countParams();
  model.dispose();
  return n;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

describe('the TensorFlow.js script', () => {
  it('type-checks against @tensorflow/tfjs for every family, default and changed', () => {
    const files = Object.fromEntries(
      Object.entries(CASES).map(([name, spec]) => [`${name.replace(/\W+/g, '-')}.mjs`, tfjsScript(spec)]),
    );
    // a script that misuses the API must fail, or this check would prove nothing
    files['broken.mjs'] =
      "import * as tf from '@tensorflow/tfjs';\nexport const m = tf.layers.dense({ unitz: 3 });\ntf.train.adam('fast');\n";
    const errors = typeCheck(files);
    expect(errors.filter((e) => e.startsWith('broken.mjs')).length).toBeGreaterThanOrEqual(2);
    expect(errors.filter((e) => !e.startsWith('broken.mjs'))).toEqual([]);
  });

  it.each(Object.entries(CASES))(
    'builds the lab’s parameter count: %s',
    (_, spec) => {
      const before = tf.memory().numTensors;
      expect(scriptParams(load(tfjsScript(spec)))).toBe(labParams(spec));
      expect(tf.memory().numTensors).toBe(before);
    },
    120_000,
  ); // a 64-unit LSTM's orthogonal initialiser takes seconds on the cpu backend

  /** Tiny versions that train in a moment: one epoch of 8 examples, one GAN iteration, 2 plane steps. */
  const tiny: Record<string, CodeSpec> = {
    // the article's CNN on 12×12 images: the same code, less arithmetic for the cpu backend
    cnn: supervised(
      articleCnn([12, 12, 1]),
      { ...images('mnist', 8, 4), mistake: 'detached-labels' },
      { batchSize: 4, schedule: 'cosine' },
    ),
    race: supervised(race('lstm', 10, 2), { kind: 'recall', length: 10, symbols: 4, train: 8, test: 4 }),
    forecaster: supervised(
      recurrentModel('lstm', 6, 1, 4, 1, { regression: true }),
      { kind: 'series', name: 'x' },
      {
        batchSize: 128,
      },
    ),
    'gan 2-d': { ...(CASES['gan 2-d drawn spiral'] as Extract<CodeSpec, { kind: 'gan' }>), iterations: 1 },
    'gan digits': {
      ...(CASES['gan digits default'] as Extract<CodeSpec, { kind: 'gan' }>),
      iterations: 1,
      schedule: { loss: 'minimax', dSteps: 1, gSteps: 1, batchSize: 4 },
    },
    plane: { ...plane([4, 4], 'relu', 'moons'), steps: 2, points: 20 },
  };
  it.each(Object.entries(tiny))('trains and reports finite metrics, freeing its tensors: %s', async (_, spec) => {
    const lines: string[] = [];
    const before = tf.memory().numTensors;
    await load(tfjsScript(spec), (line) => lines.push(line)).main();
    expect(tf.memory().numTensors).toBe(before);
    const report = lines.find((l) => /^(epoch 1 of 1|iteration 1 of 1|step 2):/.test(l));
    expect(report, lines.join('\n')).toBeDefined();
    const numbers = [...report!.matchAll(/(loss|acc|val_loss|val_acc) (-?[\d.]+|NaN)/g)].map((m) => Number(m[2]));
    expect(numbers.length).toBeGreaterThanOrEqual(1);
    expect(numbers.every(Number.isFinite)).toBe(true);
  });
});

/** The sizes a Keras script states: units or filters of each sized layer, and the input shape. */
function kerasSizes(script: string): { input: string[]; sizes: number[] } {
  const input = [...script.matchAll(/keras\.Input\(shape=\(([^)]*)\)\)/g)].map((m) => m[1]!.replace(/,$/, ''));
  const sizes = [...script.matchAll(/layers\.(?:Conv2D|Conv1D|Dense|LSTM|GRU|SimpleRNN)\((\d+)/g)].map((m) =>
    Number(m[1]),
  );
  return { input, sizes };
}

function expectedSizes(spec: CodeSpec): { input: string[]; sizes: number[] } {
  if (spec.kind === 'plane') return { input: ['2'], sizes: [...spec.hidden, 1] };
  if (spec.kind === 'gan') {
    const { noiseDim, generatorHidden, discriminatorHidden, dataDim = 2 } = spec.config;
    return {
      input: [String(noiseDim), String(dataDim)],
      sizes: [...generatorHidden, dataDim, ...discriminatorHidden, 1],
    };
  }
  const sizes = spec.model.layers.flatMap((l) => ('units' in l ? [l.units] : 'filters' in l ? [l.filters] : []));
  return { input: [spec.model.inputShape.join(', ')], sizes };
}

describe('the Keras script', () => {
  it.each(Object.entries(CASES))('states the same layer sizes: %s', (_, spec) => {
    expect(kerasSizes(kerasScript(spec))).toEqual(expectedSizes(spec));
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)('is valid Python for every family (skipped without python3)', () => {
    const scripts = Object.values(CASES).map(kerasScript);
    scripts.push('def broken(:\n'); // the check must be able to fail
    const check = [
      'import ast, json, sys',
      'for i, text in enumerate(json.load(sys.stdin)):',
      '    try:',
      '        ast.parse(text)',
      '    except SyntaxError as error:',
      '        print(i, error)',
    ].join('\n');
    const result = spawnSync('python3', ['-c', check], { input: JSON.stringify(scripts), encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const failed = result.stdout.trim().split('\n').filter(Boolean);
    expect(failed.map((l) => l.split(' ')[0])).toEqual([String(scripts.length - 1)]);
  });
});
