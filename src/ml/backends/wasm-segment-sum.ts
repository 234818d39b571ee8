/**
 * UnsortedSegmentSum for the WASM backend, which tfjs-backend-wasm 4.22 lacks: it is the gradient
 * of Gather, so without it an embedding layer (a text model's first layer) cannot train on WASM
 * ("Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'").
 *
 *   out[s, …] = Σ_{i : ids[i] = s} x[i, …]      (ids outside [0, numSegments) are dropped)
 *
 * A plain loop in JavaScript over the backend's memory: one read of x and of the ids, one write.
 * For an embedding it adds batch × length rows of the embedding width, a few thousand numbers.
 */
import type { KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

type TypedArray = Float32Array | Int32Array | Uint8Array;
interface WasmMemory {
  readSync(dataId: object): TypedArray;
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): TypedArray;
}

export function unsortedSegmentSumWasm({
  inputs,
  backend,
  attrs,
}: {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: KernelBackend;
  attrs: NamedAttrMap;
}): TensorInfo {
  const { x, segmentIds } = inputs;
  const numSegments = attrs.numSegments as number;
  const wasm = backend as unknown as WasmMemory;
  const values = wasm.readSync(x.dataId);
  const ids = wasm.readSync(segmentIds.dataId);
  const tail = x.shape.slice(segmentIds.shape.length);
  const inner = tail.reduce((a, b) => a * b, 1);
  const out = wasm.makeOutput([numSegments, ...tail], x.dtype);
  const sums = wasm.typedArrayFromHeap(out);
  sums.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i]!;
    if (s < 0 || s >= numSegments) continue;
    for (let k = 0; k < inner; k++) sums[s * inner + k]! += values[i * inner + k]!;
  }
  return out;
}
