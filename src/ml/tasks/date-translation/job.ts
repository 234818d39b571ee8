/**
 * The date-translation task's payloads (the attention lab): one encoder–decoder, with attention or
 * without, trained on dates the worker generates from a seed (src/ml/data/dates.ts). Type-only for
 * the page; checked in the worker.
 */
import { int, object, oneOf, string } from '../../core/check';
import { BadMessage } from '../../core/states';
import type { Hyperparameters } from '../../hyperparameters';
import { parseHyper } from '../checks';

export interface DateTranslationJob {
  attention: boolean;
  /** the width of the embedding, the convolutions, the queries and the hidden layer */
  units: number;
  hyper: Hyperparameters;
  /** training batches per epoch (examples are drawn afresh, so an epoch is a number of steps) */
  stepsPerEpoch: number;
  /** the seed of the training examples: the same for both models of the lab, so they see the same data */
  dataSeed: number;
  /** validation dates decoded after each epoch */
  validationSize: number;
  /** held-out test dates decoded at the end of the run */
  testSize: number;
}

/** Translate the reader's text: a 'snapshot' of kind 'translation' answers (see task.ts). */
export interface DateTranslationCommand {
  kind: 'translate';
  text: string;
}

const MAX_TEXT = 200;

export function parseDateTranslationJob(value: unknown): DateTranslationJob {
  const j = object(value, 'job');
  if (typeof j.attention !== 'boolean') throw new BadMessage('job.attention must be true or false');
  const units = int(j.units, 'job.units', 1);
  if (units > 256) throw new BadMessage('job.units must be at most 256');
  return {
    attention: j.attention,
    units,
    hyper: parseHyper(j.hyper),
    stepsPerEpoch: int(j.stepsPerEpoch, 'job.stepsPerEpoch', 1),
    dataSeed: int(j.dataSeed, 'job.dataSeed'),
    validationSize: int(j.validationSize, 'job.validationSize', 1),
    testSize: int(j.testSize, 'job.testSize', 1),
  };
}

export function parseDateTranslationCommand(value: unknown): DateTranslationCommand {
  const c = object(value, 'command');
  oneOf(c.kind, ['translate'] as const, 'command.kind');
  const text = string(c.text, 'command.text');
  if (text.length > MAX_TEXT) throw new BadMessage(`command.text must be at most ${MAX_TEXT} characters`);
  return { kind: 'translate', text };
}
