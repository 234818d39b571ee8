/**
 * The text-classification task's payloads (the language lab): one manifest dataset of token ids
 * (text-spam, text-poetry), the three networks and the bag-of-words baseline trained side by side
 * on the same batches. Type-only for the page; checked in the worker.
 */
import { int, object, oneOf, optional, string } from '../../core/check';
import { BadMessage } from '../../core/states';
import type { Hyperparameters } from '../../hyperparameters';
import { TEXT_DEFAULTS } from '../../models/text-params';
import { parseHyper } from '../checks';
import type { ManifestDataset } from '../datasets';

export interface TextClassifyJob {
  dataset: ManifestDataset;
  hyper: Hyperparameters;
  /** train on the first N training texts only (a short run); absent: all of them */
  trainLimit?: number;
  embedding: number;
  filters: number;
  units: number;
}

export type TextClassifyCommand =
  /**
   * Each model's probability of class 1 for the reader's tokens, and for the same tokens with each
   * one left out (occlusion): a 'snapshot' of kind 'text-predict', [rows, 1 + n] (the rows of
   * TEXT_ROWS after the majority class: bow, bag, conv, lstm).
   */
  | { kind: 'predict'; tokens: string[] }
  /**
   * The bag-of-embeddings model's table, for the `count` most frequent tokens: a 'snapshot' of
   * kind 'text-embeddings', [count, 2 + width]: the two principal components, then the vector
   * scaled to length 1; `labels` are the tokens.
   */
  | { kind: 'embeddings'; count: number };

function manifestDataset(value: unknown): ManifestDataset {
  const d = object(value, 'dataset');
  if (d.kind !== 'manifest') throw new BadMessage("dataset.kind must be 'manifest'");
  return {
    kind: 'manifest',
    name: string(d.name, 'dataset.name'),
    manifestUrl: string(d.manifestUrl, 'dataset.manifestUrl'),
  };
}

export function parseTextClassifyJob(value: unknown): TextClassifyJob {
  const j = object(value, 'job');
  const trainLimit = optional(j.trainLimit, 'job.trainLimit', (v, p) => int(v, p, 1));
  return {
    dataset: manifestDataset(j.dataset),
    hyper: parseHyper(j.hyper),
    ...(trainLimit === undefined ? {} : { trainLimit }),
    embedding: optional(j.embedding, 'job.embedding', (v, p) => int(v, p, 2, 128)) ?? TEXT_DEFAULTS.embedding,
    filters: optional(j.filters, 'job.filters', (v, p) => int(v, p, 1, 256)) ?? TEXT_DEFAULTS.filters,
    units: optional(j.units, 'job.units', (v, p) => int(v, p, 1, 256)) ?? TEXT_DEFAULTS.units,
  };
}

export function parseTextClassifyCommand(value: unknown): TextClassifyCommand {
  const c = object(value, 'command');
  const kind = oneOf(c.kind, ['predict', 'embeddings'] as const, 'command.kind');
  if (kind === 'embeddings') return { kind, count: int(c.count, 'command.count', 1, 5000) };
  if (!Array.isArray(c.tokens) || c.tokens.length > 1000 || !c.tokens.every((t) => typeof t === 'string'))
    throw new BadMessage('command.tokens must be a list of at most 1,000 strings');
  return { kind, tokens: c.tokens as string[] };
}
