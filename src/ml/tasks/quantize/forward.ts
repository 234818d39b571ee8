/**
 * A classifier's forward pass layer by layer, so that its weights can come from int8 storage and its
 * activations can be rounded onto a calibrated int8 grid. The quantised weights are kept as integers
 * (with one scale per tensor or per output channel) and dequantised per layer at run time, batch by
 * batch: kernel = s · q, then an ordinary float32 convolution or matrix product. After each layer
 * with weights (but the last, whose softmax gives probabilities), activations are fake-quantised:
 * clip(round(a / s_a), −128, 127) · s_a, with s_a calibrated on training images.
 * Supports the layers of the book's CNNs: Conv2D, Dense, MaxPooling2D, Flatten, Dropout.
 */
import * as tf from '@tensorflow/tfjs';
import { INT8_MAX, INT8_MIN, quantizeTensor, symmetricScale, type Granularity } from '../../compress/quantize';

/** A layer with a kernel and a bias: its name, kernel shape and values. */
export interface WeightedLayer {
  index: number;
  name: string;
  kernelShape: number[];
  kernel: Float32Array;
  bias: Float32Array;
}

const RUNNABLE = new Set(['Conv2D', 'Dense', 'MaxPooling2D', 'Flatten', 'Dropout', 'InputLayer']);

/** The model's layers with weights, read back. @throws for a layer this pass cannot run */
export async function weightedLayers(model: tf.LayersModel): Promise<WeightedLayer[]> {
  const out: WeightedLayer[] = [];
  for (const [index, layer] of model.layers.entries()) {
    const kind = layer.getClassName();
    if (!RUNNABLE.has(kind)) throw new Error(`the compression lab cannot run a ${kind} layer`);
    if (kind !== 'Conv2D' && kind !== 'Dense') continue;
    const [k, b] = layer.getWeights();
    if (!k || !b) throw new Error(`layer ${layer.name} has no bias`);
    out.push({
      index,
      name: layer.name,
      kernelShape: k.shape,
      kernel: (await k.data()) as Float32Array,
      bias: (await b.data()) as Float32Array,
    });
  }
  return out;
}

/** Integer weights on the device (int32 tensors holding int8 values) with their scales. */
export interface DeviceWeights {
  /** by layer index: the kernel (float, or integers and scales) and the bias */
  layers: Map<number, { q: tf.Tensor; scales: tf.Tensor | undefined; bias: tf.Tensor }>;
  dispose(): void;
}

/** The kernels quantised at `granularity` (or kept float32 when undefined), uploaded once. */
export function deviceWeights(layers: readonly WeightedLayer[], granularity?: Granularity): DeviceWeights {
  const map = new Map<number, { q: tf.Tensor; scales: tf.Tensor | undefined; bias: tf.Tensor }>();
  for (const l of layers) {
    const channels = l.kernelShape.at(-1)!;
    if (granularity) {
      const t = quantizeTensor(l.kernel, channels, granularity);
      map.set(l.index, {
        q: tf.tensor(Int32Array.from(t.q), l.kernelShape, 'int32'),
        scales: granularity === 'channel' ? tf.tensor1d(t.scales) : tf.scalar(t.scales[0]!),
        bias: tf.tensor1d(l.bias),
      });
    } else {
      map.set(l.index, { q: tf.tensor(l.kernel, l.kernelShape), scales: undefined, bias: tf.tensor1d(l.bias) });
    }
  }
  return { layers: map, dispose: () => map.forEach((w) => tf.dispose([w.q, w.bias, ...(w.scales ? [w.scales] : [])])) };
}

function activate(x: tf.Tensor, name: unknown): tf.Tensor {
  switch (name) {
    case 'relu':
      return tf.relu(x);
    case 'softmax':
      return tf.softmax(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'linear':
    case undefined:
      return x;
    default:
      throw new Error(`the compression lab cannot run the activation ${String(name)}`);
  }
}

/** clip(round(x / s), −128, 127) · s */
export const fakeQuantizeTensor = (x: tf.Tensor, scale: number): tf.Tensor =>
  tf.clipByValue(tf.round(tf.div(x, scale)), INT8_MIN, INT8_MAX).mul(scale);

type Pair = [number, number];
const pair = (v: unknown, fallback: number): Pair =>
  Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : typeof v === 'number' ? [v, v] : [fallback, fallback];

/**
 * The model's outputs for `xs` with `weights`. With `activationScales` (by layer index, and −1 for
 * the input), activations go onto their int8 grids; with `record`, each weighted layer's largest
 * |activation| is raised into it (calibration). Call inside tf.tidy.
 */
export function forward(
  model: tf.LayersModel,
  weights: DeviceWeights,
  xs: tf.Tensor,
  activationScales?: Map<number, number>,
  record?: Map<number, tf.Tensor[]>,
): tf.Tensor {
  let x = xs;
  const inputScale = activationScales?.get(-1);
  if (inputScale) x = fakeQuantizeTensor(x, inputScale);
  record?.get(-1)?.push(tf.keep(tf.max(tf.abs(x))));
  const last = model.layers.length - 1;
  model.layers.forEach((layer, index) => {
    const kind = layer.getClassName();
    const config = layer.getConfig();
    if (kind === 'MaxPooling2D') {
      const pool = pair(config.poolSize, 2);
      x = tf.maxPool(
        x as tf.Tensor4D,
        pool,
        pair(config.strides, pool[0]),
        config.padding === 'same' ? 'same' : 'valid',
      );
    } else if (kind === 'Flatten') {
      x = tf.reshape(x, [x.shape[0]!, -1]);
    } else if (kind === 'Conv2D' || kind === 'Dense') {
      const w = weights.layers.get(index)!;
      // dequantised here, per layer and batch: s · q
      const kernel = w.scales ? tf.mul(tf.cast(w.q, 'float32'), w.scales) : w.q;
      const z =
        kind === 'Conv2D'
          ? tf.conv2d(
              x as tf.Tensor4D,
              kernel as tf.Tensor4D,
              pair(config.strides, 1),
              config.padding === 'same' ? 'same' : 'valid',
            )
          : tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
      x = activate(tf.add(z, w.bias), config.activation);
      if (index !== last) {
        const scale = activationScales?.get(index);
        if (scale) x = fakeQuantizeTensor(x, scale);
        record?.get(index)?.push(tf.keep(tf.max(tf.abs(x))));
      }
    } else if (kind !== 'Dropout' && kind !== 'InputLayer') {
      throw new Error(`the compression lab cannot run a ${kind} layer`);
    }
  });
  return x;
}

/** Activation scales from the largest |activation| seen on the calibration batches. */
export async function calibrate(
  model: tf.LayersModel,
  weights: DeviceWeights,
  layers: readonly WeightedLayer[],
  batches: Iterable<tf.Tensor>,
): Promise<Map<number, number>> {
  const indices = [-1, ...layers.map((l) => l.index)];
  const max = new Map(indices.map((i) => [i, 0]));
  for (const xs of batches) {
    const record = new Map<number, tf.Tensor[]>(indices.map((i) => [i, []]));
    const out = tf.tidy(() => forward(model, weights, xs, undefined, record));
    for (const [i, found] of record) {
      for (const t of found) {
        max.set(i, Math.max(max.get(i)!, (await t.data())[0]!));
        t.dispose();
      }
    }
    out.dispose();
  }
  return new Map([...max].map(([i, m]) => [i, symmetricScale(m)]));
}
