/**
 * The model the reader trained and saved in the Practice chapter's lab (CnnLab's IndexedDB key,
 * `deep-learning-book/<its data-lab id>`): the labs that reuse a trained CNN (compression,
 * transfer learning) offer it beside training one on the spot, through `lab.client.loadModel`.
 */
export const PRACTICE_MODEL_KEY = 'deep-learning-book/cnn-practice';
