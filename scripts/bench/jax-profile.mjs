// `npm run bench -- --kernels` (through bench-kernels.mjs): the article CNN's training step in jax-js
// in Node.js (jax-step.mjs). In Node.js jax-js runs its Wasm kernels in one thread (its thread pool
// needs a browser Worker), so it is compared with the book's WASM backend at one thread;
// jax-browser.mjs runs the same step in headless Chromium, with jax-js's threads. Prints one JSON
// object on its last line.

import * as jax from '@jax-js/jax';
import { profileJaxStep } from './jax-step.mjs';

const steps = Number(process.env.KERNEL_STEPS ?? 30);
const result = await profileJaxStep(jax, { steps, warm: 5 });
console.log(JSON.stringify({ backend: 'jax-js 0.1.25, Wasm device, 1 thread, Node', ...result }));
