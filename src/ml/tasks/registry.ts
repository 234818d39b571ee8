/**
 * The tasks a lab can start, by name: one line per task. A new kind of lab adds its task module and
 * one line here (or calls registerTask); the session and the protocol do not change.
 */
import { BadMessage } from '../core/states';
import { dateTranslation } from './date-translation/task';
import { fairnessTask } from './fairness/task';
import { federated } from './federated/task';
import { ganTask } from './gan/task';
import { imageClassification } from './image-classification/task';
import { lstmText } from './lstm-text/task';
import { quantizeTask } from './quantize/task';
import { recsysTask } from './recsys/task';
import { optimRace } from './optim-race/task';
import { sequenceRegression } from './sequence-regression/task';
import type { Task } from './task';
import { textClassify } from './text-classify/task';
import { backendRace } from './backend-race/task';
import { batchLab } from './batch-lab/task';
import { transformerRace } from './transformer-race/task';
import { transferTask } from './transfer/task';

const tasks = new Map<string, Task>();

/** Makes a task startable by its name (a later registration under the same name replaces it). */
export function registerTask(task: Task): void {
  tasks.set(task.name, task);
}

/** The task of this name. @throws BadMessage for an unknown name */
export function taskNamed(name: string): Task {
  const task = tasks.get(name);
  if (!task) throw new BadMessage(`unknown task "${name}"`);
  return task;
}

/** The book's tasks: one line each. */
const BUILTIN = {
  'image-classification': imageClassification,
  'sequence-regression': sequenceRegression,
  gan: ganTask,
  'text-classify': textClassify,
  'date-translation': dateTranslation,
  'lstm-text': lstmText,
  fairness: fairnessTask,
  quantize: quantizeTask,
  'backend-race': backendRace,
  federated,
  'optim-race': optimRace,
  'batch-lab': batchLab,
  'transformer-race': transformerRace,
  transfer: transferTask,
  'recsys-mf': recsysTask,
} as const;
for (const task of Object.values(BUILTIN)) registerTask(task);

/** The payload types of the book's tasks, for the page (type-only: no TensorFlow.js on the page). */
type Builtin = typeof BUILTIN;
export type TaskName = keyof Builtin;
export type JobOf<K extends TaskName> = ReturnType<Builtin[K]['parseJob']>;
export type CommandOf<K extends TaskName> = ReturnType<NonNullable<Builtin[K]['parseCommand']>>;
export type SettingsOf<K extends TaskName> = ReturnType<NonNullable<Builtin[K]['parseSettings']>>;
export type LoadOf<K extends TaskName> = ReturnType<NonNullable<Builtin[K]['parseLoad']>>;
