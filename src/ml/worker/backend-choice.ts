/**
 * The backend a session trains on: the requested one if it works, otherwise the fastest of the
 * candidates that initialises, computes correctly and trains (backends/probe.ts measures them). A
 * software GPU is named as one, and wins only by measuring faster (see `fastest`).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendDescription, BackendName, BackendProbe, BackendRequest } from '../core/backends';
import type { FromWorker } from '../core/messages';
import {
  CPU_CEILING_SAMPLES_PER_SEC,
  fastest,
  SOFTWARE_GPU_CEILING_SAMPLES_PER_SEC,
  measureTrainingSpeed,
  passedOver,
  PREFERENCE,
  type ProbeOptions,
} from '../backends/probe';

export interface BackendDeps {
  post: (message: FromWorker) => void;
  /** registers a backend's code before it is tried (the browser loads WebGPU and WASM lazily) */
  loadBackend?: (name: BackendName) => Promise<void>;
  /**
   * how the current backend runs ("SIMD, 2 threads", the WebGL renderer), and whether its GPU is a
   * software one; called once the backend is set
   */
  describeBackend?: (name: BackendName) => Promise<BackendDescription>;
  /** backends to try, in preference order (default all four) */
  candidates?: readonly BackendName[];
  /** how long to time each backend */
  probe?: ProbeOptions;
  /**
   * WASM's threads from the next kernel on: 1, or 'all' (as many as the backend was set up with);
   * returns the threads it now runs on (1 where the page cannot run threads)
   */
  setWasmThreads?: (threads: 1 | 'all' | 'default') => number;
}

/**
 * Registers `name`'s code, makes it the current backend and checks that it computes correctly.
 * @throws when it does not initialise or computes a wrong result (the message says which)
 */
export async function switchTo(
  deps: Pick<BackendDeps, 'loadBackend' | 'setWasmThreads'>,
  name: BackendName,
): Promise<void> {
  await (deps.loadBackend ?? (async () => {}))(name);
  if (!(await tf.setBackend(name))) throw new Error('did not initialise');
  await tf.ready();
  // WASM trains on its default threads (load.ts says why) unless a run moves it
  if (name === 'wasm') deps.setWasmThreads?.('default');
  const check = tf.tidy(() => tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).sum());
  const value = (await check.data())[0];
  check.dispose();
  if (value !== 8) throw new Error('computed a wrong result');
}

/**
 * Picks the backend to train on. With `request.backend`, that one if it initialises and computes
 * correctly (not timed: nothing is chosen by its speed, and timing a software GPU's first training
 * step costs the reader seconds); otherwise every candidate is tried in preference order (WebGPU,
 * WebGL, WASM, CPU), each that initialises and computes correctly is timed on a small training
 * step, and the fastest wins (the CPU is not timed once another backend is far beyond its reach; a
 * software GPU wins only by being faster). Posts 'backend-probe' as it goes and 'backend' at the end.
 */
export async function chooseBackend(deps: BackendDeps, request: BackendRequest = {}): Promise<BackendName> {
  const candidates = deps.candidates ?? PREFERENCE;
  const probes: BackendProbe[] = [];
  const post = deps.post;
  const descriptions = new Map<BackendName, BackendDescription>();
  const describe = async (name: BackendName): Promise<BackendDescription> => {
    let description: BackendDescription = { detail: '' };
    try {
      description = (await deps.describeBackend?.(name)) ?? description;
    } catch {
      // a description is a nicety; never fail a backend for it
    }
    descriptions.set(name, description);
    return description;
  };
  /** how a backend that works is timed: now, not at all (with a note), or later if it is a software GPU */
  type Timing = 'timed' | 'requested' | 'software-last';
  const tryOne = async (name: BackendName, timing: Timing): Promise<BackendProbe> => {
    post({ type: 'backend-probe', probe: { backend: name } });
    let probe: BackendProbe;
    try {
      await switchTo(deps, name);
      const { software } = await describe(name);
      const untimed =
        timing === 'requested' ? 'not timed: requested' : software && timing === 'software-last' ? 'software' : '';
      probe = {
        backend: name,
        ok: true,
        ...(software ? { software } : {}),
        ...(untimed
          ? { note: `not timed: ${untimed === 'software' ? 'a software GPU, timed last' : 'requested'}` }
          : {}),
        ...(untimed ? {} : { samplesPerSec: await measureTrainingSpeed(deps.probe) }),
      };
    } catch (error) {
      probe = { backend: name, ok: false, note: error instanceof Error ? error.message : String(error) };
    }
    probes.push(probe);
    post({ type: 'backend-probe', probe });
    return probe;
  };

  let chosen: BackendProbe | undefined;
  let requestFailed: BackendName | undefined;
  if (request.backend) {
    const probe = await tryOne(request.backend, 'requested');
    if (probe.ok) chosen = probe;
    else requestFailed = request.backend;
  }
  if (!chosen) {
    for (const name of candidates) {
      if (probes.some((p) => p.backend === name)) continue;
      const best = fastest(probes);
      if (name === 'cpu' && best && best.samplesPerSec! > CPU_CEILING_SAMPLES_PER_SEC) {
        probes.push({ backend: 'cpu', ok: true, note: 'not timed: far slower than the others' });
        continue;
      }
      await tryOne(name, 'software-last');
    }
    // software GPUs last, and only while nothing else has passed what one can reach
    for (const [i, probe] of [...probes.entries()]) {
      if (!probe.software || !probe.ok || probe.samplesPerSec !== undefined) continue;
      const best = fastest(probes);
      if (best && best.samplesPerSec! > SOFTWARE_GPU_CEILING_SAMPLES_PER_SEC) {
        probes[i] = { ...probe, note: 'not timed: a software GPU, far slower than the others' };
      } else {
        probes.splice(i, 1);
        await tryOne(probe.backend, 'timed');
        // keep the preference order of the list
        probes.splice(i, 0, probes.pop()!);
      }
      post({ type: 'backend-probe', probe: probes[i]! });
    }
    chosen = fastest(probes);
  }
  if (!chosen) {
    throw new Error(
      `no TensorFlow.js backend works here (${probes.map((p) => `${p.backend}: ${p.note ?? 'failed'}`).join('; ')})`,
    );
  }
  await tf.setBackend(chosen.backend);
  const { detail } = descriptions.get(chosen.backend) ?? (await describe(chosen.backend));
  post({
    type: 'backend',
    backend: chosen.backend,
    fellBackFrom: request.backend && !requestFailed ? [] : passedOver(probes, chosen.backend).map((p) => p.backend),
    probes,
    detail,
    ...(requestFailed ? { requestFailed } : {}),
  });
  return chosen.backend;
}
