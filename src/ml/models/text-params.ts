/**
 * The text classifiers' sizes, without TensorFlow.js (the page and the chapter's text use them;
 * text-models.test.ts checks them against the models text-models.ts builds).
 */
export const TEXT_MODELS = ['bag', 'conv', 'lstm'] as const;
export type TextModelKind = (typeof TEXT_MODELS)[number];
/** the two baselines, then the three networks: the rows of the lab's table */
export const TEXT_ROWS = ['majority', 'bow', ...TEXT_MODELS] as const;
export type TextRow = (typeof TEXT_ROWS)[number];

export interface TextModelSize {
  /** vocabulary size, reserved ids included */
  vocabulary: number;
  /** tokens per text */
  length: number;
  /** embedding width */
  embedding: number;
  /** convolution filters (width `kernel`) and LSTM units */
  filters: number;
  kernel: number;
  units: number;
}

/** The lab's sizes (the vocabulary comes from the dataset). */
export const TEXT_DEFAULTS = { length: 64, embedding: 16, filters: 32, kernel: 5, units: 20 } as const;

/** Trainable parameters of each model (two output classes, softmax). */
export function textParams(kind: TextModelKind | 'bow', s: TextModelSize): number {
  const embed = s.vocabulary * s.embedding;
  switch (kind) {
    case 'bow':
      return s.vocabulary * 2 + 2;
    case 'bag':
      return embed + s.embedding * 2 + 2;
    case 'conv':
      return embed + s.kernel * s.embedding * s.filters + s.filters + s.filters * 2 + 2;
    case 'lstm':
      return embed + 4 * (s.units * (s.embedding + s.units) + s.units) + s.units * 2 + 2;
  }
}
