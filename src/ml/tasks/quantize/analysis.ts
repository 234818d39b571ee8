/**
 * The compression lab's measurements on one trained model, posted as they come:
 *   'compress-summary'  [3, 2]: bytes and test accuracy of float32, int8 per tensor, int8 per channel
 *   'compress-layers'   [L, 3]: per weighted layer, its weights and the relative RMS error of its
 *                       kernel at int8 per tensor and per channel (labels: the layer names)
 *   'compress-histogram' [3 + bins]: lo, hi, the per-tensor scale, then the counts of one layer's
 *                       weights (the last convolution's; label: its name)
 *   'compress-prune'    [S, 3]: sparsity, test accuracy pruned, and after the short fine-tune
 * Every accuracy is measured on the same test images; the int8 models run through `forward` with
 * their integer weights and int8 activations.
 */
import * as tf from '@tensorflow/tfjs';
import { histogram, quantError, quantizeTensor, storedBytes, type Granularity } from '../../compress/quantize';
import { applyMask, pruneMask } from '../../compress/prune';
import { yieldToEventLoop } from '../../core/yield';
import { examplesArrived, imageSource, type ImageArrays } from '../../data/image-source';
import { mulberry32, shuffledIndices } from '../../random';
import { EVALUATION_BATCH } from '../supervised';
import type { RunContext } from '../task';
import { calibrate, deviceWeights, forward, weightedLayers, type WeightedLayer } from './forward';
import type { CompressSettings } from './job';

const HISTOGRAM_BINS = 61;

/** Accuracy of `predict` on the first `size` test images, in batches. */
async function accuracy(test: ImageArrays, size: number, predict: (xs: tf.Tensor) => tf.Tensor): Promise<number> {
  await examplesArrived(test, size);
  const source = imageSource(test, size);
  let hits = 0;
  for (let from = 0; from < size; from += EVALUATION_BATCH) {
    const indices = Int32Array.from({ length: Math.min(EVALUATION_BATCH, size - from) }, (_, i) => from + i);
    const hit = tf.tidy(() => {
      const { xs, ys } = source.batch(indices);
      return predict(xs).argMax(-1).equal(ys.argMax(-1)).cast('float32').sum();
    });
    hits += (await hit.data())[0]!;
    hit.dispose();
  }
  return hits / size;
}

/** Sets the kernels of `layers` (by model layer index) to `kernels`, keeping the biases. */
function setKernels(model: tf.LayersModel, layers: readonly WeightedLayer[], kernels: readonly Float32Array[]): void {
  layers.forEach((l, k) => {
    const tensors = [tf.tensor(kernels[k]!, l.kernelShape), tf.tensor1d(l.bias)];
    model.layers[l.index]!.setWeights(tensors);
    tf.dispose(tensors);
  });
}

/** `steps` batches of Adam on the training images, the pruned weights held at zero after each. */
async function fineTune(
  model: tf.LayersModel,
  layers: readonly WeightedLayer[],
  masks: readonly Uint8Array[],
  train: ImageArrays,
  settings: CompressSettings,
  cancelled: () => boolean,
): Promise<void> {
  const { batchSize, seed } = settings.hyper;
  // each fine-tuning batch sees new images: the first steps × batch size (at least the calibration set)
  const size = Math.min(train.labels.length, Math.max(settings.calibration, batchSize * settings.fineTuneSteps));
  await examplesArrived(train, size);
  const source = imageSource(train, size);
  const order = shuffledIndices(size, mulberry32(seed ^ 0x9e37));
  const maskTensors = layers.map((l, k) => tf.tensor(Float32Array.from(masks[k]!), l.kernelShape));
  const optimizer = tf.train.adam(0.0005);
  try {
    for (let step = 0; step < settings.fineTuneSteps && !cancelled(); step++) {
      const from = (step * batchSize) % Math.max(1, size - batchSize);
      const indices = order.subarray(from, from + Math.min(batchSize, size));
      tf.tidy(() => {
        const { xs, ys } = source.batch(indices);
        optimizer.minimize(() =>
          tf.metrics.categoricalCrossentropy(ys, model.apply(xs, { training: true }) as tf.Tensor).mean(),
        );
        layers.forEach((l, k) => {
          const layer = model.layers[l.index]!;
          const [kernel, bias] = layer.getWeights();
          layer.setWeights([kernel!.mul(maskTensors[k]!), bias!]);
        });
      });
      // let the worker answer Stop between batches
      if (step % 10 === 9) await yieldToEventLoop();
    }
  } finally {
    optimizer.dispose();
    tf.dispose(maskTensors);
  }
}

/**
 * Quantises and prunes `model` and posts what it measures. The model's weights are put back as they
 * were afterwards. @returns false when the run was stopped on the way
 */
export async function compressModel(
  ctx: RunContext,
  model: tf.LayersModel,
  train: ImageArrays,
  test: ImageArrays,
  settings: CompressSettings,
): Promise<boolean> {
  const cancelled = () => ctx.controller.cancelled;
  const post = (kind: string, shape: number[], data: ArrayLike<number>, labels?: string[]) =>
    ctx.post({
      type: 'snapshot',
      runId: ctx.runId,
      kind,
      shape,
      data: Float32Array.from(data),
      ...(labels ? { labels } : {}),
    });
  const size = Math.min(settings.testLimit, test.labels.length);
  const layers = await weightedLayers(model);
  const floatAcc = await accuracy(test, size, (xs) => model.predict(xs) as tf.Tensor);

  // activation scales from the float model on the first `calibration` training images
  const calibration = Math.min(settings.calibration, train.labels.length);
  await examplesArrived(train, calibration);
  const calibrationSource = imageSource(train, calibration);
  const floats = deviceWeights(layers);
  const batches = function* () {
    for (let from = 0; from < calibration; from += 100) {
      const indices = Int32Array.from({ length: Math.min(100, calibration - from) }, (_, i) => from + i);
      const { xs, ys } = calibrationSource.batch(indices);
      ys.dispose();
      yield xs;
      xs.dispose();
    }
  };
  const scales = await calibrate(model, floats, layers, batches());
  floats.dispose();
  if (cancelled()) return false;

  const shapes = layers.map((l) => ({ kernel: l.kernel.length, channels: l.kernelShape.at(-1)!, bias: l.bias.length }));
  const summary = [storedBytes(shapes, 'float32'), floatAcc];
  for (const granularity of ['tensor', 'channel'] as const satisfies Granularity[]) {
    const weights = deviceWeights(layers, granularity);
    try {
      summary.push(
        storedBytes(shapes, granularity),
        await accuracy(test, size, (xs) => forward(model, weights, xs, scales)),
      );
    } finally {
      weights.dispose();
    }
    if (cancelled()) return false;
  }
  post('compress-summary', [3, 2], summary, ['float32', 'tensor', 'channel']);
  const errors = layers.flatMap((l) => {
    const channels = l.kernelShape.at(-1)!;
    return [
      l.kernel.length,
      quantError(l.kernel, quantizeTensor(l.kernel, channels, 'tensor')).relative,
      quantError(l.kernel, quantizeTensor(l.kernel, channels, 'channel')).relative,
    ];
  });
  post(
    'compress-layers',
    [layers.length, 3],
    errors,
    layers.map((l) => l.name),
  );
  const shown = layers.filter((l) => l.kernelShape.length === 4).at(-1) ?? layers[0]!;
  const max = shown.kernel.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  const scale = quantizeTensor(shown.kernel, shown.kernelShape.at(-1)!, 'tensor').scales[0]!;
  post(
    'compress-histogram',
    [3 + HISTOGRAM_BINS],
    [-max, max, scale, ...histogram(shown.kernel, HISTOGRAM_BINS, -max, max)],
    [shown.name],
  );

  // magnitude pruning, layer by layer, with and without a short fine-tune
  const original = layers.map((l) => l.kernel);
  const rows: number[] = [];
  try {
    for (const sparsity of settings.sparsities) {
      const masks = original.map((k) => pruneMask(k, sparsity));
      setKernels(
        model,
        layers,
        original.map((k, i) => applyMask(k, masks[i]!)),
      );
      const pruned = await accuracy(test, size, (xs) => model.predict(xs) as tf.Tensor);
      await fineTune(model, layers, masks, train, settings, cancelled);
      if (cancelled()) return false;
      const tuned =
        settings.fineTuneSteps > 0 ? await accuracy(test, size, (xs) => model.predict(xs) as tf.Tensor) : pruned;
      rows.push(sparsity, pruned, tuned);
      post('compress-prune', [rows.length / 3, 3], rows);
    }
  } finally {
    setKernels(model, layers, original);
  }
  return true;
}
