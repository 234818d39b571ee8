/** The lines every generated TensorFlow.js script shares. */

export const TFJS_HEADER = [
  "// A TensorFlow.js script for the lab's current settings, from the book Deep Learning, Hands On.",
  '// Run it with Node.js 18 or newer: `npm install @tensorflow/tfjs`, save this as train.mjs and run',
  '// `node train.mjs` (with @tensorflow/tfjs-node installed and imported instead, it trains much',
  '// faster). In a web page, load it through any bundler.',
  "import * as tf from '@tensorflow/tfjs';",
  '',
];

/** Prints a log object as "loss 0.1234, acc 0.9876". */
export const TFJS_SHOW = [
  '/** @param {Record<string, number> | undefined} logs */',
  'const show = (logs) =>',
  '  Object.entries(logs ?? {})',
  '    .map(([name, value]) => `${name} ${Number(value).toFixed(4)}`)',
  "    .join(', ');",
  '',
];
