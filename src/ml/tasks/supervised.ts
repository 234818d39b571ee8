/**
 * What the supervised tasks (image classification, sequence regression) share: the optimizer, and
 * a run that trains one model with the TrainingLoop under the run's controller.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchSource } from '../core/batch-source';
import type { Hyperparameters } from '../hyperparameters';
import { buildModel, disposeModel } from '../models/build-model';
import type { ModelConfig } from '../models/model-config';
import type { LossName } from '../train-step';
import { Checkpointer, restoreModel, restoreOptimizer, type Checkpoint } from './checkpoint';
import type { RunContext, TaskRun } from './task';
import { TrainingLoop, type LoopPosition, type TrainingLoopOptions } from './training-loop';

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

/** Predictions for many inputs, a batch at a time (never one huge tensor); read back once per batch. */
export const EVALUATION_BATCH = 250;

/**
 * A run that trains `model` on `source`: the TrainingLoop under the run's controller, every batch
 * reported, a checkpoint every few seconds. With `from`, the model (built afresh) and a new
 * optimizer get the checkpoint's weights and state and the loop goes on where it stood. The run
 * owns the model and the optimizer and frees both on dispose.
 */
export async function supervisedRun<Command>(
  ctx: RunContext,
  model: tf.LayersModel,
  hyper: Hyperparameters,
  source: BatchSource,
  loss: LossName,
  hooks: Pick<TrainingLoopOptions, 'afterBatch' | 'afterEpoch'>,
  command?: (command: Command) => Promise<void> | void,
  from?: Checkpoint,
): Promise<TaskRun<Command>> {
  const optimizer = makeOptimizer(hyper);
  const restored = from as Checkpoint<LoopPosition> | undefined;
  if (restored) {
    try {
      restoreModel(model, restored.tensors.model ?? []);
      await restoreOptimizer(optimizer, restored.tensors.optimizer ?? []);
    } catch (error) {
      optimizer.dispose();
      disposeModel(model);
      throw error;
    }
  }
  const checkpoints = new Checkpointer<LoopPosition>(ctx.now, ctx.checkpointIntervalMs, restored);
  const loop = new TrainingLoop({
    runId: ctx.runId,
    model,
    optimizer,
    source,
    hyper,
    loss,
    controller: ctx.controller,
    // every batch: messages are tiny and the page paints at most once per frame anyway
    reportEvery: 1,
    post: ctx.post,
    checkpoints,
    ...(restored ? { from: restored.position } : {}),
    ...hooks,
  });
  return {
    train: async () => {
      await loop.run();
    },
    command,
    savable: () => ({ model, temporary: false }),
    checkpoint: () => checkpoints.latest,
    dispose: () => {
      checkpoints.abandon();
      optimizer.dispose();
      disposeModel(model);
    },
  };
}

/** A model built from its config with the job's seed (the run disposes it). */
export const buildFor = (config: ModelConfig, hyper: Hyperparameters) => buildModel(config, hyper.seed);
