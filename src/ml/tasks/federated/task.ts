/**
 * Federated averaging (McMahan et al. 2017) simulated in the worker, next to centralised training
 * on the same examples (task 'federated'):
 *
 *   start   state 'loading' (MNIST's verified download); the first `examples` training images dealt
 *           to the clients (split.ts: IID, or by label with a Dirichlet draw); a 'snapshot' of kind
 *           'federated-clients' [clients, classes] (how many of each class each client holds); two
 *           copies of one small model (same seed, same initial weights): the federated one and the
 *           centralised one
 *   train   each round: a fraction of the clients, chosen at random, each start from the global
 *           weights and run `localEpochs` epochs of SGD on their own shard; the server averages
 *           their weights, each weighed by its number of examples. The centralised model takes SGD
 *           steps over all the examples, as many examples per round as the clients processed
 *           together. Both are scored on the same test images after every round: an 'evaluation'
 *           (the federated model) and a 'snapshot' of kind 'federated-round' [1, 7]: round,
 *           federated accuracy, centralised accuracy, bytes sent so far, examples processed so far,
 *           federated loss, centralised loss. 'progress' after every client.
 * No checkpoint: after a backend failure the run starts again on the next backend (a short run).
 */
import * as tf from '@tensorflow/tfjs';
import { classify, messageOf, NaNLoss } from '../../core/states';
import { examplesArrived, imageSource, type ImageArrays } from '../../data/image-source';
import { buildModel, disposeModel } from '../../models/build-model';
import type { ModelConfig } from '../../models/model-config';
import { mulberry32, shuffledIndices } from '../../random';
import { trainStep } from '../../train-step';
import { evaluate } from '../image-classification/evaluate';
import type { RunContext, Task, TaskRun } from '../task';
import { parseFederatedJob, type FederatedJob } from './job';
import { chooseClients, classCounts, roundBytes, splitClients, weightedAverage } from './split';

/** The lab's model: flatten → dense(hidden, relu) → dense(classes, softmax). */
export function federatedModelConfig(
  imageShape: readonly [number, number, number],
  hidden: number,
  classes: number,
): ModelConfig {
  return {
    inputShape: imageShape,
    layers: [
      { type: 'flatten' },
      { type: 'dense', units: hidden, activation: 'relu' },
      { type: 'dense', units: classes, activation: 'softmax' },
    ],
    optimizer: 'adam',
    learningRate: 0.1,
    loss: 'categoricalCrossentropy',
    batchSize: 32,
  };
}

function assign(model: tf.LayersModel, weights: readonly Float32Array[]): void {
  const tensors = model.getWeights().map((w, i) => tf.tensor(weights[i]!, w.shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

class FederatedRun implements TaskRun<never> {
  readonly #federated: tf.LayersModel;
  readonly #central: tf.LayersModel;
  readonly #optimizers: tf.Optimizer[];
  readonly #parameters: number;

  constructor(
    private readonly ctx: RunContext,
    private readonly job: FederatedJob,
    private readonly images: ImageArrays,
    private readonly test: ImageArrays,
    private readonly shards: Int32Array[],
  ) {
    const config = federatedModelConfig(images.imageShape, job.hidden, images.classes);
    this.#federated = buildModel(config, job.seed);
    this.#central = buildModel(config, job.seed);
    this.#parameters = this.#federated.countParams();
    // plain SGD, as FedAvg's clients use: no optimizer state travels between rounds
    this.#optimizers = [tf.train.sgd(job.learningRate), tf.train.sgd(job.learningRate)];
  }

  async #weights(model: tf.LayersModel): Promise<Float32Array[]> {
    return Promise.all(
      model
        .getWeights()
        .map((w) => this.ctx.controller.guard(w.data() as Promise<Float32Array>).then((d) => d.slice())),
    );
  }

  /** SGD steps of `model` on `indices`, in batches. @returns false when the reader stopped the run */
  async #steps(
    model: tf.LayersModel,
    optimizer: tf.Optimizer,
    indices: Int32Array,
    losses: number[],
  ): Promise<boolean> {
    const { batchSize } = this.job;
    const source = imageSource(this.images, this.job.examples);
    for (let from = 0; from < indices.length; from += batchSize) {
      if (!(await this.ctx.controller.next())) return false;
      const { xs, ys } = source.batch(indices.subarray(from, from + batchSize));
      try {
        const r = await trainStep(model, optimizer, xs, ys, 'categoricalCrossentropy', (read) =>
          this.ctx.controller.guard(read),
        );
        if (!Number.isFinite(r.loss)) throw new NaNLoss(`the loss became ${r.loss}; try a smaller learning rate`);
        losses.push(r.loss);
      } finally {
        tf.dispose([xs, ys]);
      }
    }
    return true;
  }

  async train(): Promise<void> {
    const { ctx, job, shards } = this;
    const control = ctx.controller;
    const random = mulberry32(job.seed ^ 0xa11ce);
    const testSize = Math.min(job.testLimit, this.test.labels.length);
    let global = await this.#weights(this.#federated);
    let centralOrder = shuffledIndices(job.examples, random);
    let centralAt = 0;
    let bytes = 0;
    let processed = 0;
    let trainingMs = 0;
    control.setState('training');
    try {
      await examplesArrived(this.test, testSize);
      for (let round = 0; round < job.rounds; round++) {
        const chosen = chooseClients(shards.length, job.fraction, random);
        const updates: Float32Array[][] = [];
        const sizes: number[] = [];
        const losses: number[] = [];
        let roundExamples = 0;
        for (const [done, k] of chosen.entries()) {
          const started = ctx.now();
          assign(this.#federated, global);
          const shard = shards[k]!;
          for (let epoch = 0; epoch < job.localEpochs; epoch++) {
            const order = Int32Array.from(shuffledIndices(shard.length, random), (i) => shard[i]!);
            if (!(await this.#steps(this.#federated, this.#optimizers[0]!, order, losses))) {
              control.setState('idle');
              return;
            }
          }
          updates.push(await this.#weights(this.#federated));
          sizes.push(shard.length);
          roundExamples += shard.length * job.localEpochs;
          const ms = Math.max(1e-3, ctx.now() - started);
          trainingMs += ms;
          ctx.post({
            type: 'progress',
            runId: ctx.runId,
            epoch: round,
            batch: done + 1,
            totalBatches: chosen.length,
            loss: losses.reduce((a, b) => a + b, 0) / Math.max(1, losses.length),
            acc: Number.NaN,
            samplesPerSec: (shard.length * job.localEpochs * 1000) / ms,
            trainingMs,
            tensors: tf.memory().numTensors,
          });
        }
        global = weightedAverage(updates, sizes);
        assign(this.#federated, global);
        bytes += roundBytes(this.#parameters, chosen.length);
        processed += roundExamples;
        // the centralised model: the same number of examples, drawn from all of them, epoch after epoch
        const take = new Int32Array(roundExamples);
        for (let i = 0; i < roundExamples; i++) {
          if (centralAt === centralOrder.length) {
            centralOrder = shuffledIndices(job.examples, random);
            centralAt = 0;
          }
          take[i] = centralOrder[centralAt++]!;
        }
        if (!(await this.#steps(this.#central, this.#optimizers[1]!, take, []))) {
          control.setState('idle');
          return;
        }
        const fed = await evaluate(this.#federated, this.test, testSize, undefined);
        const central = await evaluate(this.#central, this.test, testSize, undefined);
        ctx.post({
          type: 'evaluation',
          runId: ctx.runId,
          epoch: round,
          testLoss: fed.testLoss,
          testAcc: fed.testAcc,
          tested: testSize,
          trainingMs,
        });
        ctx.post({
          type: 'snapshot',
          runId: ctx.runId,
          kind: 'federated-round',
          shape: [1, 7],
          data: Float32Array.of(
            round + 1,
            fed.testAcc,
            central.testAcc,
            bytes,
            processed,
            fed.testLoss,
            central.testLoss,
          ),
        });
      }
      control.setState('done');
    } catch (error) {
      if (control.cancelled || control.handOver(error)) return;
      ctx.post({ type: 'error', runId: ctx.runId, kind: classify(error), message: messageOf(error) });
      control.setState('error');
    }
  }

  dispose(): void {
    disposeModel(this.#federated);
    disposeModel(this.#central);
    for (const o of this.#optimizers) o.dispose();
  }
}

async function start(ctx: RunContext, job: FederatedJob): Promise<TaskRun<never>> {
  const { train, test } = await ctx.loadImages(job.dataset);
  if (job.examples > train.labels.length)
    throw new Error(`${job.dataset.name} has ${train.labels.length} training images, fewer than ${job.examples}`);
  await examplesArrived(train, job.examples);
  const labels = train.labels.subarray(0, job.examples);
  const shards = splitClients(labels, train.classes, job.clients, job.alpha, job.seed);
  const counts = classCounts(shards, labels, train.classes);
  ctx.post({
    type: 'snapshot',
    runId: ctx.runId,
    kind: 'federated-clients',
    shape: [job.clients, train.classes],
    data: counts,
  });
  return new FederatedRun(ctx, job, train, test, shards);
}

export const federated: Task<FederatedJob, never> = {
  name: 'federated',
  parseJob: parseFederatedJob,
  start,
};
