/**
 * Floating-point operations of one training example, counted from the model as data (no
 * TensorFlow.js): the backend race divides its measured speed by nothing else to give GFLOP/s.
 *
 * Only the multiply-adds of the layers that hold weights are counted (a multiply and an add are two
 * operations): a convolution's output h′·w′·filters values each cost k·k·c_in multiply-adds, a dense
 * layer's units each cost `inputs`. Pooling, activations, biases, the loss and the optimizer's
 * update are a few operations per value or per weight, well under 1 % of the article's CNN, and
 * are left out. Training one example costs the forward pass, the gradient of every weight (as many
 * multiply-adds again) and the gradient of every layer's input (as many again, except for the
 * first weighted layer, whose input is the image and needs no gradient): close to the usual
 * "3 × forward".
 */
import { summarise, type AnyModelConfig, type LayerSpec } from './model-config';

export interface FlopCount {
  /** multiply-adds of one example's forward pass */
  forwardMacs: number;
  /** floating-point operations of one example's forward pass (2 × forwardMacs) */
  forward: number;
  /** floating-point operations of one training example: forward, weight gradients, input gradients */
  training: number;
}

/** Multiply-adds of one layer for one example, given its input and output shapes (no batch axis). */
function layerMacs(layer: LayerSpec, input: readonly number[], output: readonly number[]): number {
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  switch (layer.type) {
    case 'conv2d':
      return size(output) * layer.kernelSize * layer.kernelSize * input[input.length - 1]!;
    case 'conv1d':
      return size(output) * layer.kernelSize * input[input.length - 1]!;
    case 'dense':
      return size(output) * input[input.length - 1]!;
    case 'maxPooling2d':
    case 'flatten':
    case 'reshape':
    case 'dropout':
    case 'globalAveragePooling1d':
    case 'globalMaxPooling1d':
    case 'globalAveragePooling2d':
    case 'globalMaxPooling2d':
    case 'batchNormalization':
      return 0;
    default:
      throw new Error(`FLOPs of a ${layer.type} layer are not counted`);
  }
}

/**
 * The FLOPs of one example through a sequential model of convolutions, dense layers, pooling,
 * reshaping and dropout. @throws for a recurrent, embedding or two-input model
 */
export function countFlops(config: AnyModelConfig): FlopCount {
  if (config.kind === 'dot-product') throw new Error('FLOPs of a two-input model are not counted');
  const rows = summarise(config);
  let input: readonly number[] = config.inputShape;
  let forwardMacs = 0;
  let firstWeighted: number | undefined;
  config.layers.forEach((layer, i) => {
    const output = rows[i]!.outputShape;
    const macs = layerMacs(layer, input, output);
    if (macs > 0 && firstWeighted === undefined) firstWeighted = macs;
    forwardMacs += macs;
    input = output;
  });
  const forward = 2 * forwardMacs;
  const training = forward + forward + (forward - 2 * (firstWeighted ?? 0));
  return { forwardMacs, forward, training };
}
