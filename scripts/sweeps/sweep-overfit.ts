/**
 * The overfitting lab of the mathematics chapter (§ regularisation), in Node.js, as the lab runs it:
 * the article's CNN (28×28×1) on the first OVERFIT_LAB.train MNIST training images, the fraction
 * OVERFIT_LAB.labelNoise of them with a wrong label (`noise=0` for the true labels), the lab's
 * TrainingSession on TensorFlow.js's WASM backend, once with no remedy and once with each remedy
 * alone. Prints the train and test accuracy after the last epoch and the gap between them: the
 * table of the lab's note.
 *
 *   npx vite-node scripts/sweeps/sweep-overfit.ts -- [only=none|weightDecay|dropout|augment|earlyStopping|batchNorm]
 *     [seed=1] [weightDecay=…] [dropout=…] [shift=…] [patience=…] [train=…] [epochs=…] [noise=…]
 *     [l2=…]   (the weightDecay row with Keras's L2 penalty λ·Σw² in the loss instead of decoupled decay)
 *     [bn=conv] (the batchNorm row with batch normalisation after the convolutions only)
 */
import { articleCnn } from '../../src/ml/models/model-config';
import {
  OVERFIT_LAB,
  OVERFIT_REMEDIES,
  REMEDY_NAMES,
  withRemedies,
  type RemedyName,
} from '../../src/ml/models/remedies';
import { runJob, sweepOptions, wasmSession } from './node-session';

const options = sweepOptions();
const seed = Number(options.seed ?? OVERFIT_LAB.seed);
const epochs = Number(options.epochs ?? OVERFIT_LAB.epochs);
const names = (options.only ? options.only.split(',') : ['none', ...REMEDY_NAMES]) as (RemedyName | 'none')[];
const train = Number(options.train ?? OVERFIT_LAB.train);
const rows: string[] = [];
for (const name of names) {
  const started = performance.now();
  let last = { trainAcc: 0, testAcc: 0, trainLoss: 0, testLoss: 0, epoch: 0 };
  let epochsRun = 0;
  const session = await wasmSession((m) => {
    if (m.type === 'evaluation' && m.trainAcc !== undefined) {
      epochsRun = m.epoch + 1;
      last = {
        trainAcc: m.trainAcc,
        testAcc: m.testAcc,
        trainLoss: m.trainLoss!,
        testLoss: m.testLoss,
        epoch: m.epoch,
      };
      console.log(
        `${name} epoch ${m.epoch + 1}: train ${(m.trainAcc * 100).toFixed(1)} % (${m.trainLoss!.toFixed(3)}), ` +
          `test ${(m.testAcc * 100).toFixed(1)} % (${m.testLoss.toFixed(3)})` +
          (m.valLoss === undefined ? '' : `, validation loss ${m.valLoss.toFixed(3)}`) +
          (m.valAcc === undefined ? '' : `, validation ${(m.valAcc * 100).toFixed(1)} %`) +
          `, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      const r = m.restored;
      if (r) {
        last = {
          trainAcc: r.trainAcc!,
          testAcc: r.testAcc,
          trainLoss: r.trainLoss!,
          testLoss: r.testLoss,
          epoch: r.epoch,
        };
        console.log(`${name}: restored epoch ${r.epoch + 1}`);
      }
    }
  });
  // `weightDecay=…`, `dropout=…`, `patience=…`, `shift=…` try other strengths than the lab's
  const R = {
    weightDecay: Number(options.weightDecay ?? OVERFIT_REMEDIES.weightDecay),
    dropout: Number(options.dropout ?? OVERFIT_REMEDIES.dropout),
    shift: Number(options.shift ?? OVERFIT_REMEDIES.shift),
    patience: Number(options.patience ?? OVERFIT_REMEDIES.patience),
  };
  const model = withRemedies(articleCnn([28, 28, 1]), {
    ...(name === 'dropout' ? { dropout: R.dropout } : {}),
    ...(name === 'batchNorm' ? { batchNorm: true } : {}),
    ...(options.l2 && name === 'weightDecay' ? { l2: Number(options.l2) } : {}),
  });
  // `bn=conv`: batch normalisation after the convolutions only, not after the hidden dense layer
  if (options.bn === 'conv')
    model.layers = model.layers.filter(
      (l, i, all) => !(l.type === 'batchNormalization' && all[i - 1]?.type === 'dense'),
    );
  await runJob(session, 'image-classification', {
    model,
    hyper: {
      learningRate: 0.001,
      batchSize: OVERFIT_LAB.batchSize,
      epochs,
      optimizer: 'adam',
      seed,
      ...(name === 'weightDecay' && !options.l2 ? { weightDecay: R.weightDecay } : {}),
    },
    dataset: { kind: 'manifest', name: 'mnist', manifestUrl: 'http://book.test/data/manifest.json' },
    trainLimit: train,
    testLimit: OVERFIT_LAB.test,
    evaluateTrain: true,
    labelNoise: Number(options.noise ?? OVERFIT_LAB.labelNoise),
    ...(name === 'augment' ? { augment: { shift: R.shift } } : {}),
    ...(name === 'earlyStopping'
      ? { earlyStopping: { patience: R.patience, validation: OVERFIT_LAB.validation } }
      : {}),
  });
  await session.handle({ type: 'reset' });
  const gap = (last.trainAcc - last.testAcc) * 100;
  rows.push(
    `| ${name} | ${epochsRun} (kept ${last.epoch + 1}) | ${((performance.now() - started) / 1000).toFixed(0)} s | ${(last.trainAcc * 100).toFixed(1)} | ${(last.testAcc * 100).toFixed(1)} | ${gap.toFixed(1)} | ${last.trainLoss.toFixed(3)} | ${last.testLoss.toFixed(3)} |`,
  );
}
console.log('| remedy | epochs | time | train % | test % | gap (points) | train loss | test loss |');
for (const row of rows) console.log(row);
