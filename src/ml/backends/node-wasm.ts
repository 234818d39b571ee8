/**
 * The WASM backend in Node, for the unit tests: the same XNNPACK kernels the browser runs, plus the
 * project's training kernels, about 100× faster than tfjs's pure-JS CPU backend.
 */
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './wasm-kernels';

/** Registers the kernels and initialises the WASM backend; leaves the current backend as it was. */
export async function initWasmForNode(): Promise<void> {
  registerWasmTrainingKernels();
  const previous = tf.getBackend();
  if (!(await tf.setBackend('wasm'))) throw new Error('the WASM backend did not initialise in Node');
  if (previous) await tf.setBackend(previous);
}

/** `SessionDeps.loadBackend` for Node: WASM as the browser has it (with the project's kernels). */
export async function loadBackendForNode(name: string): Promise<void> {
  if (name === 'wasm') registerWasmTrainingKernels();
}
