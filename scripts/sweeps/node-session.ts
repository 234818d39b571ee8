/**
 * What every sweep shares: its `key=value` options, and the lab's own TrainingSession on
 * TensorFlow.js's WASM backend in Node.js, reading the built data from `public/data/` as the lab
 * fetches it from the site.
 */
import { fetchFile } from '../../src/ml/data/chunks';
import type { DataFile } from '../../src/ml/data/manifest';
import { readFileSync } from 'node:fs';
import { initWasmForNode, loadBackendForNode } from '../../src/ml/backends/node-wasm';
import type { FromWorker } from '../../src/ml/core/messages';
import type { JobOf, TaskName } from '../../src/ml/tasks/registry';
import { TrainingSession } from '../../src/ml/worker/training-session';

/** The command line's `key=value` arguments. */
export function sweepOptions(): Record<string, string | undefined> {
  return Object.fromEntries(
    process.argv
      .slice(2)
      .filter((a) => a.includes('='))
      .map((a) => a.split('=') as [string, string]),
  );
}

/** `fetch` for the session: a URL under /data/ is read from public/data/. */
const fetchFromDisk = (async (input: string) => {
  const path = new URL(input).pathname.replace(/^\/data\//, 'public/data/');
  return new Response(readFileSync(path));
}) as unknown as typeof fetch;

/** A file of the built manifest (public/data/manifest.json), read from its gzipped chunks and verified. */
export const readBuilt = (file: DataFile): Promise<Uint8Array> =>
  fetchFile('http://book.test/data/manifest.json', file, { fetch: fetchFromDisk });

/** A session on WASM (one thread) that hands every message to `post`; errors are printed too. */
export async function wasmSession(post: (message: FromWorker) => void): Promise<TrainingSession> {
  await initWasmForNode();
  const session = new TrainingSession({
    post: (m) => {
      if (m.type === 'error') console.error(m);
      post(m);
    },
    fetch: fetchFromDisk,
    loadBackend: loadBackendForNode,
    candidates: ['wasm'],
  });
  await session.initBackend({ backend: 'wasm' });
  return session;
}

/** Runs one job of a built-in task to its end (run 1), as the lab's Train button starts it. */
export async function runJob<K extends TaskName>(session: TrainingSession, task: K, job: JobOf<K>): Promise<void> {
  await session.handle({ type: 'start', runId: 1, task, job });
}
