/**
 * What "Copy as code" needs to know about a lab, as plain data: the same model config the worker
 * builds from (`ModelConfig`, `Gan2dConfig`, the plane lab's sizes), the training settings, and a
 * description of the data. `tfjs.ts` and `keras.ts` turn one of these into a script; one generator
 * serves every lab family. No TensorFlow.js: the page imports this.
 */
import type { Gan2dConfig, TrainingSchedule } from '../gan/gan-config';
import type { TargetSpec } from '../gan/targets';
import type { Hyperparameters } from '../hyperparameters';
import type { ModelConfig } from '../models/model-config';
import type { PlaneActivation, PlaneDataset } from '../explain/plane-classifier';

/** Image datasets the book trains on ('spoken-digits': log-mel spectrograms stored as images). */
export type ImageDatasetName = 'mnist' | 'fashion-mnist' | 'cifar-10' | 'emoji' | 'spoken-digits' | 'own';

/** The data of a supervised lab; the examples' shape is the model's `inputShape`. */
export type SupervisedData =
  /** images (or sequences stored as images) in [0, 1] with one-hot labels */
  | {
      kind: 'images';
      dataset: ImageDatasetName;
      train: number;
      test: number;
      /** the "Why 2.3026?" lab's deliberate mistake: training labels shuffled apart from their images */
      mistake?: 'detached-labels';
    }
  /** the long-memory race: recall the marked first symbol of `length` one-hot steps */
  | { kind: 'recall'; length: number; symbols: number; train: number; test: number }
  /** the forecaster: windows of a series, each predicting the next value */
  | { kind: 'series'; name: string };

export interface SupervisedSpec {
  kind: 'supervised';
  model: ModelConfig;
  hyper: Hyperparameters;
  data: SupervisedData;
}

export interface GanSpec {
  kind: 'gan';
  config: Gan2dConfig;
  schedule: TrainingSchedule;
  iterations: number;
  /** points of the plane from a target (a drawn one carries its points), or a dataset's images */
  data: { kind: 'plane'; target: TargetSpec } | { kind: 'images'; dataset: 'mnist' | 'fashion-mnist' };
}

/** The plane lab: a 2-h-h-1 MLP trained full-batch with Adam on a toy problem. */
export interface PlaneSpec {
  kind: 'plane';
  hidden: readonly number[];
  activation: PlaneActivation;
  learningRate: number;
  steps: number;
  dataset: PlaneDataset;
  points: number;
  noise: number;
}

export type CodeSpec = SupervisedSpec | GanSpec | PlaneSpec;

/** A number as both languages write it: 0.001, 32, 1e-7 (finite numbers only). */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/** The line that starts training at the end of every TensorFlow.js script (tests run the rest). */
export const TFJS_RUN_LINE = 'main().catch((error) => console.error(error));';

/** A drawn target's points, rounded to 2 decimals and capped, for embedding in a script. */
export function drawnPoints(points: ArrayLike<number>, max = 400): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < points.length && out.length < max; i += 2)
    out.push([Math.round(points[i]! * 100) / 100, Math.round(points[i + 1]! * 100) / 100]);
  return out;
}
