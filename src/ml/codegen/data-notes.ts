/**
 * Where each dataset of the book comes from, as comment lines for the generated scripts (the
 * same words in the TensorFlow.js and the Keras script; `prefix` is `//` or `#`).
 */
import type { ImageDatasetName } from './spec';

const SOURCES: Record<ImageDatasetName, string[]> = {
  mnist: [
    'The lab trains on MNIST: 28×28 grey digits, pixels scaled to [0, 1], labels 0–9. The IDX files',
    '(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-…) are at',
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
  ],
  'fashion-mnist': [
    'The lab trains on Fashion-MNIST: 28×28 grey clothes, pixels scaled to [0, 1], 10 classes. The',
    'IDX files are at https://github.com/zalandoresearch/fashion-mnist (data/fashion/).',
  ],
  'cifar-10': [
    'The lab trains on CIFAR-10: 32×32 colour photos, 10 classes, from',
    'https://www.cs.toronto.edu/~kriz/cifar.html (the binary version: each record is a label byte',
    'and 3,072 pixel bytes, the red plane, then green, then blue).',
  ],
  emoji: [
    'The lab trains on 1,906 Noto emoji drawn at 32×32 in colour, in 9 categories (smileys, animals,',
    'food, …); any small labelled colour images of the same shape will do.',
  ],
  'spoken-digits': [
    'The lab trains on spoken digits (synthesised by espeak-ng in English and Mandarin voices) as',
    'log-mel spectrograms: one row per time frame, one column per mel band, scaled to [0, 1], labels',
    '0–9, each column standardised with the training set’s mean and standard deviation. Recordings of',
    'your own, turned into spectrograms of the same shape, will do.',
  ],
  own: [
    'The lab trains on your own images, resized to the model’s input (a centred square, pixels scaled',
    'to [0, 1]), with labels from their file or folder names and a fifth of each label held out for',
    'testing: load them here in that shape.',
  ],
};

/** Comment lines saying what the lab's data is and where to get it. */
export function dataNote(dataset: ImageDatasetName, prefix: string): string[] {
  return SOURCES[dataset].map((line) => `${prefix} ${line}`);
}
