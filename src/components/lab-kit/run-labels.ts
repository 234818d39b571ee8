/**
 * The names of kept runs in legends and tables: "kept 1: Learning rate 0.01 · Optimizer sgd", with
 * only the settings that differ between the kept runs, each named as the lab's own field is.
 */
import type { Translate, UiKey } from '../../i18n';
import { distinguishing, settingsLabel, type KeptRun } from './runs';

/** a setting's key → the string that names it where the lab has a field for it */
const NAMES: Record<string, UiKey> = {
  learningRate: 'hyper.field.learningRate',
  batchSize: 'hyper.field.batchSize',
  epochs: 'hyper.field.epochs',
  optimizer: 'hyper.field.optimizer',
  seed: 'hyper.field.seed',
  schedule: 'hyper.field.schedule',
  dLearningRate: 'gan.field.dLearningRate',
  gLearningRate: 'gan.field.gLearningRate',
  dSteps: 'gan.field.dSteps',
  gSteps: 'gan.field.gSteps',
  iterations: 'gan.field.iterations',
  loss: 'gan.loss',
  beta1: 'gan.beta1',
  units: 'runs.setting.units',
  length: 'runs.setting.length',
  name: 'runs.setting.name',
  activation: 'runs.setting.activation',
  width: 'runs.setting.width',
  dataset: 'runs.setting.dataset',
  target: 'runs.setting.target',
  inputShape: 'runs.setting.inputShape',
  layers: 'runs.setting.layers',
  trainLimit: 'runs.setting.trainLimit',
};

export interface RunLabel {
  id: string;
  /** "kept 1" */
  name: string;
  /** "kept 1: Learning rate 0.01" */
  label: string;
  /** 0 … KEPT_MAX − 1: its dash pattern */
  index: number;
}

export function runLabels(t: Translate, runs: readonly KeptRun[]): RunLabel[] {
  const keys = distinguishing(runs);
  const name = (k: string) => (k in NAMES ? t(NAMES[k]!) : k);
  return runs.map((run, index) => {
    const short = t('runs.name', { n: index + 1 });
    const settings = settingsLabel(run.settings, keys, name);
    return { id: run.id, name: short, label: settings ? `${short}: ${settings}` : short, index };
  });
}
