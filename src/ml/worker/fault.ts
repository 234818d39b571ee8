/**
 * Fault injection for the browser tests of failover (e2e/gpu-failover.spec.ts), and the Node tests:
 * makes the backend in use fail as a lost device does. The worker exposes it as `self.__labFault`
 * (reached only through Playwright's `worker.evaluate`); nothing on a page calls it, and a reader's
 * run never meets it.
 *
 *   'kernel'        the backend's matrix products throw from their next call ("device was lost"),
 *                   as a GPU kernel does after a device loss; `repair()` restores them
 *   'lose-context'  WebGL: WEBGL_lose_context.loseContext() on TensorFlow.js's own context;
 *                   WebGPU: GPUDevice.destroy() on its device
 */
import * as tf from '@tensorflow/tfjs';

export type FaultKind = 'kernel' | 'lose-context';

/** every dense layer, LSTM and GAN step runs through one of these */
const KERNELS = ['BatchMatMul', '_FusedMatMul'];

/** Breaks the current backend; returns its name and a repair (which only 'kernel' can do). */
export function injectFault(kind: FaultKind): { backend: string; repair: () => void } {
  const backend = tf.getBackend();
  if (kind === 'lose-context') {
    const gpu = tf.backend() as unknown as {
      gpgpu?: { gl: WebGLRenderingContext };
      device?: { destroy(): void };
    };
    if (gpu.gpgpu) gpu.gpgpu.gl.getExtension('WEBGL_lose_context')?.loseContext();
    else if (gpu.device) gpu.device.destroy();
    else throw new Error(`the ${backend} backend has no device to lose`);
    return { backend, repair: () => {} };
  }
  const saved = KERNELS.map((name) => tf.getKernel(name, backend)).filter((k) => k !== undefined);
  for (const config of saved) {
    tf.unregisterKernel(config.kernelName, backend);
    tf.registerKernel({
      ...config,
      kernelFunc: () => {
        throw new Error(`injected fault: the ${backend} device was lost`);
      },
    });
  }
  return {
    backend,
    repair: () => {
      for (const config of saved) {
        tf.unregisterKernel(config.kernelName, backend);
        tf.registerKernel(config);
      }
    },
  };
}
