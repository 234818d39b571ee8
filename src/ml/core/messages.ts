/**
 * What a training worker tells the page. Every message is a plain object with a `type`; messages
 * about a run carry its `runId`, and the page drops those of runs that are no longer current. Only
 * numbers, strings and transferable typed arrays cross the boundary, never tensors. The bench
 * scripts and the browser tests listen to these exact shapes (`?lab-trace`).
 */
import type { BackendName, BackendProbe, RaceEntry } from './backends';
import type { ErrorKind, LabState } from './states';

/** A misclassified test example, as the confusion tracker keeps it. */
export interface WrongExample {
  /** index in the test set */
  index: number;
  label: number;
  predicted: number;
  /** the probability the model gave the true class (lowest = most wrong) */
  trueProb: number;
  /** the probability of its (wrong) prediction */
  predictedProb: number;
}

/** Where a trained model goes or comes from. */
export type ModelPlace = 'browser' | 'files';

/**
 * One layer's activations for one image: [height, width, channels], channels last. For a recurrent
 * model, one quantity over time, [T, units, 1]: the gates, the cell state, the hidden state, or the
 * class probabilities after each step ('probabilities', [T, classes, 1]).
 */
export interface FeatureMaps {
  layer: string;
  shape: [number, number, number];
  data: Float32Array;
}

export type FromWorker =
  /** a backend is being tried (the lab shows "measuring WebGL…") */
  | { type: 'backend-probe'; probe: BackendProbe | { backend: BackendName; ok?: undefined } }
  /**
   * The backend in use. `probes` lists every backend tried; `fellBackFrom` those preferred to it
   * that failed or were slower; `detail` says how it runs ("SIMD, 2 threads").
   */
  | {
      type: 'backend';
      backend: BackendName;
      fellBackFrom: BackendName[];
      probes: BackendProbe[];
      detail: string;
      /** the requested backend did not work, so the fastest one was chosen instead */
      requestFailed?: BackendName;
    }
  | { type: 'state'; runId: number; state: LabState }
  | {
      type: 'progress';
      runId: number;
      epoch: number;
      batch: number;
      totalBatches: number;
      loss: number;
      acc: number;
      samplesPerSec: number;
      /** milliseconds spent training in this run so far (evaluations and pauses excluded) */
      trainingMs: number;
      /** tf.memory().numTensors in the worker after this batch */
      tensors: number;
      /** while the run's training examples are still downloading: how many of them have arrived */
      arriving?: { arrived: number; total: number };
    }
  | { type: 'epoch-end'; runId: number; epoch: number; loss: number; acc: number; valLoss?: number; valAcc?: number }
  /** numbers of any kind for the lab; `labels` name the rows of the first axis when they are words or tokens */
  | { type: 'snapshot'; runId: number; kind: string; shape: number[]; data: Float32Array; labels?: string[] }
  /** text a task wrote after `step` steps (a generating model's sample); `kind` says which */
  | { type: 'text'; runId: number; kind: string; step: number; text: string }
  | { type: 'memory'; numTensors: number; numBytes: number }
  /** bytes of the dataset fetched so far (cached files count as fetched at once) */
  | { type: 'download'; runId: number; loaded: number; total: number }
  /**
   * Accuracy on a fixed slice of the test set, after each epoch (and every `evaluateEvery`
   * batches, then with `batch`); epoch -1 is a loaded model.
   */
  | {
      type: 'evaluation';
      runId: number;
      epoch: number;
      batch?: number;
      testLoss: number;
      testAcc: number;
      /** how many test images */
      tested?: number;
      /** after an epoch, with the job's `evaluateTrain`: the same measures on the training examples */
      trainLoss?: number;
      trainAcc?: number;
      /**
       * after an epoch, with early stopping: the held-out loss and accuracy (the one it watches),
       * and whether it ends the run here
       */
      valLoss?: number;
      valAcc?: number;
      earlyStop?: boolean;
      /**
       * at the end of a run with early stopping, when an earlier epoch was better: the epoch whose
       * weights were put back, and the restored model's measures (the epoch's own are above)
       */
      restored?: { epoch: number; testLoss: number; testAcc: number; trainLoss?: number; trainAcc?: number };
      trainingMs?: number;
      /** after an epoch: counts[true · classes + predicted] */
      confusion?: number[];
      /** after an epoch: the most confidently wrong test images, worst first… */
      worst?: WrongExample[];
      /** …and their pixels, one image after another (uint8, the dataset's image shape) */
      worstPixels?: Uint8Array;
    }
  | {
      type: 'inspection';
      runId: number;
      /** the input as the model saw it, [0, 1] */
      image: Float32Array;
      /** the true class of a test image */
      label?: number;
      probs: Float32Array;
      maps: FeatureMaps[];
    }
  | { type: 'model-saved'; runId: number; to: ModelPlace; modelJson?: string; weights?: ArrayBuffer }
  | { type: 'model-loaded'; runId: number; from: ModelPlace }
  /** the backend race: line `index` of `total` (tasks/backend-race) */
  | { type: 'backend-race'; runId: number; index: number; total: number; entry: RaceEntry }
  | { type: 'error'; runId: number | null; kind: ErrorKind; message: string }
  /**
   * The backend failed during the run (`kind`, `message`): the run continues on `to` from its last
   * checkpoint, taken after `step` steps (0: from the start). A 'backend' message follows the choice.
   */
  | {
      type: 'failover';
      runId: number;
      from: BackendName;
      to: BackendName;
      kind: ErrorKind;
      message: string;
      step: number;
    }
  /**
   * A GAN after some steps. `stats` holds one row per step since the last frame:
   * [iteration, D loss, G loss, mean D(x), mean D(G(z))], NaN where that step did not measure it
   * (a lone G step has no D loss). The pictures are of the fixed noise: `samples` [show, dataDim];
   * for the plane also the discriminator's D(x) on `grid` ([ny·nx], row 0 at the bottom), the
   * generator's arrows ([n, 4]: x, y, dx, dy) and the distance to the target.
   */
  | {
      type: 'gan-frame';
      runId: number;
      iteration: number;
      stats: Float32Array;
      samples: Float32Array;
      surface?: Float32Array;
      grid?: { xMin: number; xMax: number; yMin: number; yMax: number; nx: number; ny: number };
      arrows?: Float32Array;
      /** sliced Wasserstein-1 distance between the shown samples and a large set of target points */
      distance?: number;
      /** ring targets: how many of the modes the shown samples cover */
      covered?: number;
      modes?: number;
    };

/** The buffers to transfer (not copy) with a message. */
export function transferablesOf(message: FromWorker): Transferable[] {
  if (message.type === 'snapshot') return [message.data.buffer as ArrayBuffer];
  if (message.type === 'model-saved' && message.weights) return [message.weights];
  if (message.type === 'evaluation' && message.worstPixels) return [message.worstPixels.buffer as ArrayBuffer];
  if (message.type === 'gan-frame') {
    return [message.stats, message.samples, message.surface, message.arrows]
      .filter((a): a is Float32Array => a !== undefined)
      .map((a) => a.buffer as ArrayBuffer);
  }
  if (message.type === 'inspection') {
    return [message.image.buffer, message.probs.buffer, ...message.maps.map((m) => m.data.buffer)] as ArrayBuffer[];
  }
  return [];
}
