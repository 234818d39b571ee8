/**
 * Everything a training worker does, without the worker: `train.worker.ts` only connects this
 * class to `self`, so Node tests can drive it message by message.
 *
 * Lifecycle:
 *   init            picks the fastest backend that initialises and trains (posts 'backend')
 *   start           state 'loading': manifest, verified downloads (posts 'download'); builds the
 *                   model and optimizer; state 'training'; epoch ends post 'evaluation'
 *   pause/resume/step/stop/set-learning-rate   forwarded to the run's TrainingLoop
 *   reset           stops the run, disposes model, optimizer and data; state 'idle'
 *   set-backend     reset, then switch backend
 * A message with another run's id is ignored. Every failure becomes an 'error' message.
 */
import * as tf from '@tensorflow/tfjs';
import { fetchVerified, type ByteCache, DataError } from '../data/fetch-verified';
import {
  detachLabels,
  exampleInputs,
  featureStats,
  imageSource,
  normalise,
  type FeatureStats,
  type ImageArrays,
} from '../data/image-source';
import { parseManifest } from '../data/manifest';
import type { Hyperparameters } from '../hyperparameters';
import { buildModel, disposeModel } from '../models/build-model';
import {
  CPU_CEILING_SAMPLES_PER_SEC,
  fastest,
  measureTrainingSpeed,
  passedOver,
  PREFERENCE,
  type ProbeOptions,
} from '../backends/probe';
import { ConfusionTracker } from '../metrics';
import { checkModelFits, ModelFileError, modelFromFiles, modelToFiles } from '../models/model-files';
import type {
  BackendName,
  BackendProbe,
  BackendRequest,
  DatasetRef,
  FeatureMaps,
  FromWorker,
  InspectSource,
  ToWorker,
} from './protocol';
import { classify, TrainingLoop } from './training-loop';
import { checkWindows, windowSource } from '../data/window-source';
import { probabilitiesPerStep, traceRecurrent } from '../models/recurrent-trace';
import { GanSession } from '../gan/gan-session';

export interface SessionDeps {
  post: (message: FromWorker) => void;
  fetch?: typeof fetch;
  cache?: ByteCache;
  /** test images used for the per-epoch evaluation (default 500) */
  evaluationSize?: number;
  /** registers a backend's code before it is tried (the browser loads WebGPU and WASM lazily) */
  loadBackend?: (name: BackendName) => Promise<void>;
  /** a short description of how a backend runs ("SIMD, 2 threads") */
  describeBackend?: (name: BackendName) => Promise<string>;
  /** backends to try, in preference order (default all four) */
  candidates?: readonly BackendName[];
  /** how long to time each backend */
  probe?: ProbeOptions;
}

interface Run {
  runId: number;
  loop: TrainingLoop | undefined;
  finished: Promise<unknown>;
  model: tf.LayersModel | undefined;
  optimizer: tf.Optimizer | undefined;
  /** the test images evaluated after each epoch: the first `size` of them */
  test: { arrays: ImageArrays; size: number } | undefined;
  /** what the reader asked to inspect, re-sent as the model trains */
  inspect?: InspectSource;
  /** per-feature standardisation of the inputs, from the training examples (DatasetRef.standardise) */
  stats?: FeatureStats;
  /** the model with every convolution's output exposed (shares the model's layers) */
  probe?: tf.LayersModel;
  cancelled: boolean;
}

const EVALUATION_BATCH = 250;

type Evaluation = Pick<
  Extract<FromWorker, { type: 'evaluation' }>,
  'testLoss' | 'testAcc' | 'confusion' | 'worst' | 'worstPixels'
>;
/** at most a few pictures a second: the page cannot show more, and each costs a read-back */
const SNAPSHOT_INTERVAL_MS = 250;

export function makeOptimizer(hyper: Hyperparameters): tf.Optimizer {
  switch (hyper.optimizer) {
    case 'adam':
      return tf.train.adam(hyper.learningRate);
    case 'sgd':
      return tf.train.sgd(hyper.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(hyper.learningRate);
    default: {
      const unreachable: never = hyper.optimizer;
      throw new Error(`unknown optimizer ${String(unreachable)}`);
    }
  }
}

export class TrainingSession {
  #run: Run | undefined;
  #backend: BackendName | undefined;
  #visible = true;
  readonly #deps: SessionDeps;
  /** a GAN run, when the lab is a GAN lab (at most one of #run and #gan's run exists) */
  readonly #gan: GanSession;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
    this.#gan = new GanSession({
      post: deps.post,
      loadImages: (runId, dataset) => this.#loadData(runId, dataset),
      visible: () => this.#visible,
    });
  }

  /**
   * Picks the backend to train on. With `request.backend`, that one if it works; otherwise every
   * candidate is tried in preference order (WebGPU, WebGL, WASM, CPU), each that initialises and
   * computes correctly is timed on a small training step, and the fastest wins (the CPU is not
   * timed once another backend is far beyond its reach). Posts 'backend-probe' as it goes and
   * 'backend' at the end.
   */
  async initBackend(request: BackendRequest = {}): Promise<BackendName> {
    const candidates = this.#deps.candidates ?? PREFERENCE;
    const probes: BackendProbe[] = [];
    const post = this.#deps.post;
    const tryOne = async (name: BackendName): Promise<BackendProbe> => {
      post({ type: 'backend-probe', probe: { backend: name } });
      let probe: BackendProbe;
      try {
        await (this.#deps.loadBackend ?? (async () => {}))(name);
        if (!(await tf.setBackend(name))) throw new Error('did not initialise');
        await tf.ready();
        const check = tf.tidy(() => tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).sum());
        const value = (await check.data())[0];
        check.dispose();
        if (value !== 8) throw new Error('computed a wrong result');
        probe = { backend: name, ok: true, samplesPerSec: await measureTrainingSpeed(this.#deps.probe) };
      } catch (error) {
        probe = { backend: name, ok: false, note: error instanceof Error ? error.message : String(error) };
      }
      probes.push(probe);
      post({ type: 'backend-probe', probe });
      return probe;
    };

    let chosen: BackendProbe | undefined;
    let requestFailed: BackendName | undefined;
    if (request.backend) {
      const probe = await tryOne(request.backend);
      if (probe.ok) chosen = probe;
      else requestFailed = request.backend;
    }
    if (!chosen) {
      for (const name of candidates) {
        if (probes.some((p) => p.backend === name)) continue;
        const best = fastest(probes);
        if (name === 'cpu' && best && best.samplesPerSec! > CPU_CEILING_SAMPLES_PER_SEC) {
          probes.push({ backend: 'cpu', ok: true, note: 'not timed: far slower than the others' });
          continue;
        }
        await tryOne(name);
      }
      chosen = fastest(probes);
    }
    if (!chosen) {
      throw new Error(
        `no TensorFlow.js backend works here (${probes.map((p) => `${p.backend}: ${p.note ?? 'failed'}`).join('; ')})`,
      );
    }
    await tf.setBackend(chosen.backend);
    this.#backend = chosen.backend;
    const detail = await (this.#deps.describeBackend ?? (async () => ''))(chosen.backend);
    post({
      type: 'backend',
      backend: chosen.backend,
      fellBackFrom: request.backend && !requestFailed ? [] : passedOver(probes, chosen.backend).map((p) => p.backend),
      probes,
      detail,
      ...(requestFailed ? { requestFailed } : {}),
    });
    return chosen.backend;
  }

  /** The backend chosen by the last initBackend. */
  get backend(): BackendName | undefined {
    return this.#backend;
  }

  async handle(message: ToWorker): Promise<void> {
    try {
      switch (message.type) {
        case 'start':
          await this.#start(message);
          break;
        case 'pause':
          this.#loopFor(message.runId)?.pause();
          this.#gan.control('pause', message.runId);
          break;
        case 'resume':
          this.#loopFor(message.runId)?.resume();
          this.#gan.control('resume', message.runId);
          break;
        case 'step':
          this.#loopFor(message.runId)?.step();
          this.#gan.control('step', message.runId);
          break;
        case 'stop':
          this.#loopFor(message.runId)?.stop();
          this.#gan.control('stop', message.runId);
          break;
        case 'set-learning-rate':
          this.#loopFor(message.runId)?.setLearningRate(message.learningRate);
          break;
        case 'reset':
          await this.#reset();
          break;
        case 'init':
          await this.initBackend(message.request);
          this.#postMemory();
          break;
        case 'set-backend':
          await this.#reset();
          await this.initBackend({ backend: message.backend });
          this.#postMemory();
          break;
        case 'get-memory':
          this.#postMemory();
          break;
        case 'set-visible':
          this.#visible = message.visible;
          break;
        case 'save-model':
          await this.#save(message);
          break;
        case 'inspect':
          if (this.#run?.runId === message.runId) {
            this.#run.inspect = message.source;
            this.#postInspection(this.#run);
          }
          break;
        case 'load-model':
          await this.#load(message);
          break;
        case 'gan-start':
        case 'gan-load':
          await this.#reset();
          await this.#gan.handle(message);
          this.#postMemory();
          break;
        case 'gan-step':
        case 'gan-set':
        case 'gan-walk':
        case 'gan-save':
          await this.#gan.handle(message);
          break;
        default: {
          const unreachable: never = message;
          throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
        }
      }
    } catch (error) {
      const runId = 'runId' in message ? message.runId : null;
      const kind =
        error instanceof DataError
          ? 'data-failed'
          : error instanceof ModelFileError
            ? 'model-invalid'
            : classify(error);
      this.#deps.post({ type: 'error', runId, kind, message: error instanceof Error ? error.message : String(error) });
      // a failed save leaves the run as it was; anything else ends it
      if (runId !== null && !['save-model', 'inspect', 'gan-save', 'gan-walk'].includes(message.type)) {
        this.#deps.post({ type: 'state', runId, state: 'error' });
      }
    }
  }

  #loopFor(runId: number): TrainingLoop | undefined {
    return this.#run && this.#run.runId === runId ? this.#run.loop : undefined;
  }

  #postMemory(): void {
    const { numTensors, numBytes } = tf.memory();
    this.#deps.post({ type: 'memory', numTensors, numBytes });
  }

  async #reset(): Promise<void> {
    if (await this.#gan.reset()) this.#postMemory();
    const run = this.#run;
    this.#run = undefined;
    if (!run) return;
    run.cancelled = true;
    run.loop?.stop();
    await run.finished.catch(() => {});
    run.optimizer?.dispose();
    if (run.model) disposeModel(run.model);
    this.#deps.post({ type: 'state', runId: run.runId, state: 'idle' });
    this.#postMemory();
  }

  #newRun(runId: number): Run {
    const run: Run = {
      runId,
      loop: undefined,
      finished: Promise.resolve(),
      model: undefined,
      optimizer: undefined,
      test: undefined,
      cancelled: false,
    };
    this.#run = run;
    this.#deps.post({ type: 'state', runId, state: 'loading' });
    return run;
  }

  /** The dataset's four files, downloaded (or taken from the cache) and verified. */
  async #loadData(runId: number, dataset: DatasetRef): Promise<{ train: ImageArrays; test: ImageArrays }> {
    if (dataset.inline) return dataset.inline;
    const post = this.#deps.post;
    const response = await (this.#deps.fetch ?? fetch)(dataset.manifestUrl);
    if (!response.ok) throw new DataError('http', `${dataset.manifestUrl}: HTTP ${response.status}`);
    const entry = parseManifest(await response.json()).datasets[dataset.name];
    if (!entry) throw new DataError('corrupt', `the data manifest has no dataset "${dataset.name}"`);
    const files = [entry.files.trainImages, entry.files.trainLabels, entry.files.testImages, entry.files.testLabels];
    const total = files.reduce((s, f) => s + f.bytes, 0);
    const loaded = files.map(() => 0);
    let lastPosted = -1;
    const bytes = await Promise.all(
      files.map((file, i) =>
        fetchVerified(new URL(file.path, dataset.manifestUrl).href, file, {
          fetch: this.#deps.fetch,
          cache: this.#deps.cache,
          onProgress: (done) => {
            loaded[i] = done;
            const sum = loaded.reduce((a, b) => a + b, 0);
            // at most ~100 progress messages per download
            if (sum === total || sum - lastPosted >= total / 100) {
              lastPosted = sum;
              post({ type: 'download', runId, loaded: sum, total });
            }
          },
        }),
      ),
    );
    const [trainImages, trainLabels, testImages, testLabels] = bytes as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const imageShape = entry.files.trainImages.shape.slice(1) as [number, number, number];
    const classes = entry.classes.length;
    return {
      train: { images: trainImages, labels: trainLabels, imageShape, classes, normalisation: entry.normalisation },
      test: { images: testImages, labels: testLabels, imageShape, classes, normalisation: entry.normalisation },
    };
  }

  /** Loss and accuracy on the first `run.test.size` test images, in batches (no 10,000-image tensor). */
  /**
   * Loss and accuracy on the first `limit` (default: all of `run.test.size`) test images, in
   * batches (never a 10,000-image tensor). With `detail`, also the confusion matrix and the most
   * confidently wrong images, with their pixels.
   */
  async #evaluate(run: Run, model: tf.LayersModel, limit?: number, detail = false): Promise<Evaluation> {
    const test = { ...run.test!, size: Math.min(limit ?? Infinity, run.test!.size) };
    const source = imageSource(test.arrays, test.size, run.stats);
    const tracker = detail ? new ConfusionTracker(test.arrays.classes) : undefined;
    let lossSum = 0;
    let hits = 0;
    for (let from = 0; from < test.size; from += EVALUATION_BATCH) {
      const indices = Int32Array.from({ length: Math.min(EVALUATION_BATCH, test.size - from) }, (_, i) => from + i);
      const [loss, hit, probs] = tf.tidy(() => {
        const { xs, ys } = source.batch(indices);
        const p = model.predict(xs) as tf.Tensor;
        return [
          tf.metrics.categoricalCrossentropy(ys, p).sum(),
          p.argMax(-1).equal(ys.argMax(-1)).cast('float32').sum(),
          tracker ? p : tf.scalar(0),
        ];
      });
      const [l, h, pr] = await Promise.all([loss.data(), hit.data(), probs.data()]);
      tf.dispose([loss, hit, probs]);
      lossSum += l[0]!;
      hits += h[0]!;
      tracker?.add(pr, test.arrays.labels.subarray(from, from + indices.length), indices);
    }
    const result: Evaluation = { testLoss: lossSum / test.size, testAcc: hits / test.size };
    if (tracker) {
      const [h, w, c] = test.arrays.imageShape;
      const per = h * w * c;
      const worstPixels = new Uint8Array(tracker.worst.length * per);
      tracker.worst.forEach((example, k) =>
        worstPixels.set(test.arrays.images.subarray(example.index * per, (example.index + 1) * per), k * per),
      );
      Object.assign(result, { confusion: Array.from(tracker.counts), worst: [...tracker.worst], worstPixels });
    }
    return result;
  }

  async #start(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
    await this.#reset();
    const { runId, hyper, dataset, model: config } = message;
    const run = this.#newRun(runId);
    if (dataset.windows) return this.#startRegression(run, message, dataset.windows);
    const post = this.#deps.post;
    const last = config.layers.at(-1);
    const outputs = last?.type === 'dense' ? last.units : undefined;
    const loaded = await this.#loadData(runId, dataset);
    if (run.cancelled) return;
    if (outputs === undefined || outputs < loaded.train.classes) {
      throw new Error(
        `the model predicts ${outputs ?? 'no'} classes but the dataset "${dataset.name}" has ${loaded.train.classes}`,
      );
    }
    // one-hot labels as wide as the model's output: the article's model has 10 outputs, and a
    // 9-class dataset simply never uses the tenth
    const train = { ...loaded.train, classes: outputs };
    const test = { ...loaded.test, classes: outputs };
    run.test = {
      arrays: test,
      size: Math.min(dataset.testLimit ?? this.#deps.evaluationSize ?? 500, test.labels.length),
    };
    if (dataset.standardise) run.stats = featureStats(train, dataset.trainLimit);
    run.model = buildModel(config, hyper.seed);
    run.optimizer = makeOptimizer(hyper);
    const model = run.model;
    let lastSnapshot = -Infinity;
    run.loop = new TrainingLoop({
      runId,
      model,
      optimizer: run.optimizer,
      source: imageSource(
        dataset.mistake === 'detached-labels' ? detachLabels(train, hyper.seed) : train,
        dataset.trainLimit,
        run.stats,
      ),
      hyper,
      // every batch: messages are tiny and the page paints at most once per frame anyway
      reportEvery: 1,
      post: (m) => post(m),
      afterBatch: async (epoch, batch, trainingMs) => {
        const now = performance.now();
        if (this.#visible && now - lastSnapshot >= SNAPSHOT_INTERVAL_MS) {
          lastSnapshot = now;
          this.#postFilters(runId, model);
          this.#postInspection(run);
        }
        if (dataset.evaluateEvery && batch % dataset.evaluateEvery === 0) {
          const size = Math.min(dataset.quickTestLimit ?? 1000, run.test!.size);
          post({
            type: 'evaluation',
            runId,
            epoch,
            batch,
            ...(await this.#evaluate(run, model, size)),
            tested: size,
            trainingMs,
          });
        }
      },
      afterEpoch: async (epoch, trainingMs) => {
        this.#postFilters(runId, model);
        this.#postInspection(run);
        post({
          type: 'evaluation',
          runId,
          epoch,
          ...(await this.#evaluate(run, model, undefined, true)),
          tested: run.test!.size,
          trainingMs,
        });
      },
    });
    run.finished = run.loop.run();
    await run.finished;
    this.#postMemory();
  }

  /**
   * A regression on windows of a series (the forecaster): mean squared error on the validation
   * windows after each epoch, then the model's prediction for every window the page asked about.
   */
  async #startRegression(
    run: Run,
    message: Extract<ToWorker, { type: 'start' }>,
    windows: NonNullable<DatasetRef['windows']>,
  ): Promise<void> {
    const { runId, hyper, model: config } = message;
    const post = this.#deps.post;
    checkWindows(windows.test, 'validation windows');
    const outputs = windows.train.outputs;
    const predictAll = async (model: tf.LayersModel, xs: Float32Array): Promise<Float32Array> => {
      const n = xs.length / windows.train.steps;
      const out = new Float32Array(n * outputs);
      for (let from = 0; from < n; from += EVALUATION_BATCH) {
        const count = Math.min(EVALUATION_BATCH, n - from);
        const slice = xs.subarray(from * windows.train.steps, (from + count) * windows.train.steps);
        const y = tf.tidy(() => model.predict(tf.tensor4d(slice, [count, windows.train.steps, 1, 1])) as tf.Tensor);
        out.set(await y.data(), from * outputs);
        y.dispose();
      }
      return out;
    };
    run.model = buildModel(config, hyper.seed);
    run.optimizer = makeOptimizer(hyper);
    const model = run.model;
    run.loop = new TrainingLoop({
      runId,
      model,
      optimizer: run.optimizer,
      source: windowSource(windows.train),
      hyper,
      loss: 'meanSquaredError',
      reportEvery: 1,
      post: (m) => post(m),
      afterEpoch: async (epoch, trainingMs) => {
        const predicted = await predictAll(model, windows.test.xs);
        let squared = 0;
        predicted.forEach((p, i) => (squared += (p - windows.test.ys[i]!) ** 2));
        post({
          type: 'evaluation',
          runId,
          epoch,
          testLoss: squared / predicted.length,
          testAcc: Number.NaN,
          tested: predicted.length / outputs,
          trainingMs,
        });
        if (windows.predict && this.#visible) {
          const data = await predictAll(model, windows.predict);
          post({ type: 'snapshot', runId, kind: 'predictions', shape: [data.length / outputs, outputs], data });
        }
      },
    });
    run.finished = run.loop.run();
    await run.finished;
    this.#postMemory();
  }

  /**
   * For a recurrent classifier: the recurrent layer run by hand on the inspected sequence (every
   * gate and state over time) and the class probabilities after each step.
   */
  #recurrentInspection(model: tf.LayersModel, sequence: Float32Array, steps: number): FeatureMaps[] | undefined {
    const index = model.layers.findIndex((l) => ['LSTM', 'SimpleRNN'].includes(l.getClassName()));
    const layer = model.layers[index];
    const dense = model.layers[index + 1];
    if (!layer || dense?.getClassName() !== 'Dense') return undefined;
    const cell = layer.getClassName() === 'LSTM' ? 'lstm' : 'simpleRNN';
    const [kernel, recurrent, bias] = layer.getWeights().map((w) => w.dataSync() as Float32Array);
    // the recurrent kernel is [H, G·H] with G gate blocks
    const units = Math.round(Math.sqrt(recurrent!.length / (cell === 'lstm' ? 4 : 1)));
    const inputSize = sequence.length / steps;
    const trace = traceRecurrent(
      { cell, inputSize, units, kernel: kernel!, recurrent: recurrent!, bias: bias! },
      sequence,
    );
    const [denseKernel, denseBias] = dense.getWeights().map((w) => w.dataSync() as Float32Array);
    const classes = denseBias!.length;
    const map = (name: string, data: Float32Array, width: number): FeatureMaps => ({
      layer: name,
      shape: [steps, width, 1],
      data,
    });
    const maps = [
      map('probabilities', probabilitiesPerStep(trace.h, units, denseKernel!, denseBias!), classes),
      map('hidden', trace.h, units),
    ];
    if (trace.gates) {
      const g = trace.gates;
      maps.push(
        map('input-gate', g.input, units),
        map('forget-gate', g.forget, units),
        map('output-gate', g.output, units),
        map('cell', g.cell, units),
      );
    }
    return maps;
  }

  /** The first convolution's filters, as a transferable array, for the lab's picture of them. */
  #postFilters(runId: number, model: tf.LayersModel): void {
    const kernel = model.layers.find((l) => l.getClassName() === 'Conv2D')?.getWeights()[0];
    if (!kernel) return;
    const data = kernel.dataSync() as Float32Array;
    this.#deps.post({ type: 'snapshot', runId, kind: 'conv1-filters', shape: kernel.shape, data: data.slice() });
  }

  /** The activations of every convolution and the class probabilities for the inspected input. */
  #postInspection(run: Run): void {
    const model = run.model;
    const source = run.inspect;
    if (!model || !source || !run.test) return;
    const [h, w, c] = run.test.arrays.imageShape;
    const per = h * w * c;
    let image: Float32Array;
    let label: number | undefined;
    if ('testIndex' in source) {
      const index = Math.min(source.testIndex, run.test.arrays.labels.length - 1);
      image = exampleInputs(run.test.arrays, index);
      label = run.test.arrays.labels[index];
    } else {
      if (source.pixels.length !== per) throw new Error(`a drawn image must have ${per} pixels`);
      image = source.pixels.slice();
    }
    // the picture is the input as stored ([0, 1]); the model reads it standardised if the run does
    const recurrent = this.#recurrentInspection(model, run.stats ? normalise(image, run.stats) : image, h);
    if (recurrent) {
      const probabilities = recurrent[0]!;
      const classes = probabilities.shape[1];
      const probs = probabilities.data.slice((h - 1) * classes, h * classes);
      this.#deps.post({ type: 'inspection', runId: run.runId, image, label, probs, maps: recurrent });
      return;
    }
    if (!run.probe) {
      const convs = model.layers.filter((l) => l.getClassName() === 'Conv2D');
      run.probe = tf.model({
        inputs: model.inputs,
        outputs: [...convs.map((l) => l.output as tf.SymbolicTensor), model.outputs[0]!],
      });
    }
    const probe = run.probe;
    const outputs = tf.tidy(() => probe.predict(tf.tensor4d(image, [1, h, w, c])) as tf.Tensor[]);
    const names = model.layers.filter((l) => l.getClassName() === 'Conv2D').map((l) => l.name);
    const maps = outputs.slice(0, -1).map((t, i) => ({
      layer: names[i] ?? `conv${i}`,
      shape: t.shape.slice(1) as [number, number, number],
      data: t.dataSync() as Float32Array,
    }));
    const probs = outputs.at(-1)!.dataSync() as Float32Array;
    tf.dispose(outputs);
    this.#deps.post({ type: 'inspection', runId: run.runId, image, label, probs, maps });
  }

  async #save(message: Extract<ToWorker, { type: 'save-model' }>): Promise<void> {
    const run = this.#run;
    if (!run || run.runId !== message.runId || !run.model)
      throw new ModelFileError('there is no trained model to save yet');
    if (message.to === 'browser') {
      await run.model.save(`indexeddb://${message.key}`);
      this.#deps.post({ type: 'model-saved', runId: run.runId, to: 'browser' });
    } else {
      const files = await modelToFiles(run.model);
      this.#deps.post({ type: 'model-saved', runId: run.runId, to: 'files', ...files });
    }
  }

  async #load(message: Extract<ToWorker, { type: 'load-model' }>): Promise<void> {
    await this.#reset();
    const { runId, dataset, model: config } = message;
    const run = this.#newRun(runId);
    const { test } = await this.#loadData(runId, dataset);
    if (run.cancelled) return;
    let model: tf.LayersModel;
    if (message.from === 'browser') {
      try {
        model = await tf.loadLayersModel(`indexeddb://${message.key}`);
      } catch {
        throw new ModelFileError('no model is saved in this browser yet: train one and press Save first');
      }
    } else {
      model = await modelFromFiles(message.modelJson, message.weights);
    }
    run.model = model;
    checkModelFits(model, config.inputShape, test.classes);
    const outputs = model.outputs[0]?.shape.at(-1) ?? test.classes;
    run.test = {
      arrays: { ...test, classes: outputs },
      size: Math.min(dataset.testLimit ?? this.#deps.evaluationSize ?? 500, test.labels.length),
    };
    this.#postFilters(runId, model);
    this.#deps.post({ type: 'model-loaded', runId, from: message.from });
    this.#deps.post({
      type: 'evaluation',
      runId,
      epoch: -1,
      ...(await this.#evaluate(run, model, undefined, true)),
      tested: run.test.size,
    });
    this.#deps.post({ type: 'state', runId, state: 'done' });
    this.#postMemory();
  }
}
