/**
 * Kernels the stock WASM backend (tfjs-backend-wasm 4.22) lacks but the book's models need for
 * training. Without them, `optimizer.minimize` on a CNN fails on WASM with
 * "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'".
 *
 * Conv2DBackpropFilter, the gradient of a convolution with respect to its filter, is
 *
 *   dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh − top, ow·s + kw − left, ci] · dy[b, oh, ow, co]
 *
 * With the input's patches laid out as a matrix P, one row per filter tap (kh, kw, ci) and one
 * column per output position (b, oh, ow), and dy read as a matrix [(b, oh, ow), co], that is one
 * plain matrix product, dW = P · dy, which XNNPACK runs fast. P is written in JavaScript straight on
 * the WASM heap (a batch in slices when it would exceed 16 MB, their products summed), with no copy
 * through JavaScript arrays, from the input transposed to one plane per channel so that each run of
 * a row of P is read along a line of the image, not across channels (9.0 → 7.1 ms for the second
 * convolution of the article's CNN, one thread; P the other way round, rows by output position, is
 * quicker to write but makes P the operand XNNPACK repacks on every call, which was slower still).
 * That is the path where WebAssembly SIMD is missing. With SIMD (every current browser), the
 * project's gather products do the work with no matrix of patches at all (simd-conv.ts), as they do
 * for the forward convolution (Conv2D, replacing XNNPACK's) and the input gradient below.
 * The stock Slice and Concat kernels, one slice per filter tap, were slower than JavaScript (12 ms). It replaces an earlier reading of the same sum as an XNNPACK
 * convolution of the transposed input with dy as a huge dilated filter, which was 1.8× (the second
 * convolution of the article's CNN) to 7× (the first) slower.
 * `wasm-kernels.test.ts` checks it against the CPU backend's gradient.
 */
import {
  backend_util,
  BatchMatMul,
  Cast,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  Conv2D,
  getKernel,
  Identity,
  registerKernel,
  MaxPoolGrad,
  unregisterKernel,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropInputAttrs,
  type Conv2DAttrs,
  type KernelBackend,
  type KernelConfig,
  type NamedAttrMap,
  type TensorInfo,
  Sum,
  UnsortedSegmentSum,
} from '@tensorflow/tfjs-core';
import { convFilterGrad, convForward, convInputGrad, copyRows } from './simd-conv';
import { simdKernels } from './simd-kernels';
import { floatAt, maxPoolGradWasm, sumLeadingWasm, type WasmHeapBackend } from './wasm-heap-kernels';
import { unsortedSegmentSumWasm } from './wasm-segment-sum';

type Run = (kernel: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap) => TensorInfo;

function runner(backend: KernelBackend): Run {
  return (kernel, inputs, attrs) => {
    const config = getKernel(kernel, 'wasm');
    if (!config) throw new Error(`the WASM backend has no ${kernel} kernel`);
    return config.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
  };
}

/** Exported for the tests; `registerWasmTrainingKernels` registers it. */
export function conv2DBackpropFilterWasm({
  inputs,
  backend,
  attrs,
}: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: KernelBackend;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(`Conv2DBackpropFilter on WASM supports only NHWC, not ${dataFormat}`);
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = info;
  const { batchSize, outHeight, outWidth } = info;
  const wasm = backend as unknown as WasmHeapBackend;
  const simd = simdKernels();
  if (simd) {
    const dw = wasm.makeOutput([kh, kw, ci, co], 'float32');
    const at = (t: TensorInfo) => floatAt(wasm, t);
    convFilterGrad(simd, wasm.wasm.HEAPF32, { xAt: at(x), dyAt: at(dy), dwAt: at(dw) }, info);
    return dw;
  }
  const rows = kh * kw * ci;
  const perImage = outHeight * outWidth;
  // images per product: the patches stay under 4 M floats (16 MB of the heap) at any batch size
  const chunk = Math.max(1, Math.min(batchSize, Math.floor(PATCH_FLOATS / (rows * perImage))));
  const run = runner(backend);
  const temporaries: TensorInfo[] = [];
  const keep = (t: TensorInfo) => (temporaries.push(t), t);
  try {
    // the input as one plane per channel, [ci, b, h, w], so that a patch row reads along a line
    const planes = ci === 1 ? x : keep(run('Transpose', { x }, { perm: [3, 0, 1, 2] }));
    // dy is already [(b, oh, ow), co]: each chunk's gradient is one plain product, patches · dy
    const dyRows = keep(run('Reshape', { x: dy }, { shape: [1, batchSize * perImage, co] }));
    let sum: TensorInfo | undefined;
    for (let first = 0; first < batchSize; first += chunk) {
      const images = Math.min(chunk, batchSize - first);
      const columns = images * perImage;
      // the input's patches, one row per filter tap (kh, kw, ci), one column per output position (b, oh, ow)
      const patches = keep(wasm.makeOutput([1, rows, columns], 'float32'));
      // read the heap only after the allocation above, which may have grown (and replaced) it
      const heap = wasm.wasm.HEAPF32;
      const xAt = floatAt(wasm, planes);
      const pAt = floatAt(wasm, patches);
      writePatchesJs(heap, xAt, pAt, first, images, info);
      const dyPart =
        images === batchSize
          ? dyRows
          : keep(run('Slice', { x: dyRows }, { begin: [0, first * perImage, 0], size: [1, columns, co] }));
      const part = keep(run('BatchMatMul', { a: patches, b: dyPart }, { transposeA: false, transposeB: false }));
      sum = sum ? keep(run('Add', { a: sum, b: part }, {})) : part;
    }
    return run('Reshape', { x: sum! }, { shape: [kh, kw, ci, co] }); // [kh, kw, ci, co]
  } finally {
    for (const t of temporaries) backend.disposeData(t.dataId);
  }
}

/**
 * The patches of Conv2DBackpropFilter in JavaScript, for any stride and padding (taps in the
 * padding are zeros): row (i, j, c), column (b, oh, ow), read from the input as planes [ci, b, h, w]
 * (offsets count floats).
 */
function writePatchesJs(
  heap: Float32Array,
  xAt: number,
  pAt: number,
  first: number,
  images: number,
  info: backend_util.Conv2DInfo,
): void {
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, batchSize, inHeight, inWidth } = info;
  const { outHeight, outWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const planeStride = batchSize * inHeight * inWidth;
  let at = pAt;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      // the output columns whose input column lies inside the image: [owStart, owEnd)
      const owStart = Math.min(outWidth, Math.max(0, Math.ceil((left - j) / strideWidth)));
      const owEnd = Math.max(owStart, Math.min(outWidth, Math.ceil((inWidth + left - j) / strideWidth)));
      for (let c = 0; c < ci; c++) {
        for (let b = first; b < first + images; b++) {
          const image = xAt + c * planeStride + b * inHeight * inWidth;
          for (let oh = 0; oh < outHeight; oh++) {
            const r = oh * strideHeight + i - top;
            if (r < 0 || r >= inHeight) {
              heap.fill(0, at, at + outWidth);
              at += outWidth;
              continue;
            }
            const row = image + r * inWidth + j - left;
            if (owStart > 0) heap.fill(0, at, at + owStart);
            for (let to = at + owStart, from = row + owStart * strideWidth, end = at + owEnd; to < end; to++) {
              heap[to] = heap[from]!;
              from += strideWidth;
            }
            if (owEnd < outWidth) heap.fill(0, at + owEnd, at + outWidth);
            at += outWidth;
          }
        }
      }
    }
  }
}

/** At most this many floats of input patches at once in Conv2DBackpropFilter (16 MB). */
export const PATCH_FLOATS = 4 * 1024 * 1024;

/**
 * Conv2DBackpropInput, the gradient of a convolution with respect to its input, for stride 1:
 *
 *   dx[b, i, j, ci] = Σ_{kh, kw, co} dy[b, i + top − kh, j + left − kw, co] · W[kh, kw, ci, co]
 *
 * is a "full" correlation of dy with the filter turned by 180° and its channels swapped, so it runs
 * on XNNPACK's convolution too. The stock WASM kernel is a plain C++ loop and took half of a
 * training step of the article's CNN. Strided convolutions would need a dilated *input*, which
 * XNNPACK's convolution does not take; for those the stock kernel stays in charge.
 */
export function conv2DBackpropInputWasm(
  args: {
    inputs: { dy: TensorInfo; filter: TensorInfo };
    backend: KernelBackend;
    attrs: Conv2DBackpropInputAttrs;
  },
  stock: KernelConfig['kernelFunc'],
): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || (dataFormat !== undefined && dataFormat !== 'NHWC')) {
    return stock(args as unknown as Parameters<KernelConfig['kernelFunc']>[0]) as TensorInfo;
  }
  const [kh, kw] = [info.filterHeight, info.filterWidth];
  const { top, left } = info.padInfo;
  const simd = simdKernels();
  if (simd && kh - 1 - top >= 0 && kw - 1 - left >= 0) {
    const wasm = backend as unknown as WasmHeapBackend;
    const dx = wasm.makeOutput([...inputShape], 'float32');
    const at = (t: TensorInfo) => floatAt(wasm, t);
    convInputGrad(simd, wasm.wasm.HEAPF32, { dyAt: at(dy), wAt: at(filter), dxAt: at(dx) }, info);
    return dx;
  }
  const run = runner(backend);
  const temporaries: TensorInfo[] = [];
  const keep = (t: TensorInfo) => (temporaries.push(t), t);
  try {
    const flipped = keep(run('Reverse', { x: filter }, { dims: [0, 1] }));
    const swapped = keep(run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] })); // [kh, kw, co, ci]
    const padTop = kh - 1 - top;
    const padLeft = kw - 1 - left;
    const padBottom = info.inHeight - 1 + top - (info.outHeight - 1);
    const padRight = info.inWidth - 1 + left - (info.outWidth - 1);
    if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
      return stock(args as unknown as Parameters<KernelConfig['kernelFunc']>[0]) as TensorInfo;
    }
    return run('Conv2D', { x: dy, filter: swapped }, {
      strides: [1, 1],
      dilations: [1, 1],
      pad: [
        [0, 0],
        [padTop, padBottom],
        [padLeft, padRight],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    } as unknown as NamedAttrMap);
  } finally {
    for (const t of temporaries) backend.disposeData(t.dataId);
  }
}

/**
 * Conv2D (NHWC) on the project's SIMD gather product (simd-conv.ts), any padding, stride and
 * dilation; the stock XNNPACK kernel where WebAssembly SIMD is missing or the data is NCHW.
 */
export function conv2DWasm(
  args: { inputs: { x: TensorInfo; filter: TensorInfo }; backend: KernelBackend; attrs: Conv2DAttrs },
  stock: KernelConfig['kernelFunc'],
): TensorInfo {
  const { inputs, backend, attrs } = args;
  const simd = simdKernels();
  if (!simd || (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC'))
    return stock(args as unknown as Parameters<KernelConfig['kernelFunc']>[0]) as TensorInfo;
  const { x, filter } = inputs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const wasm = backend as unknown as WasmHeapBackend;
  const out = wasm.makeOutput([info.batchSize, info.outHeight, info.outWidth, info.outChannels], 'float32');
  const heap = wasm.wasm.HEAPF32;
  const at = (t: TensorInfo) => floatAt(wasm, t);
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  const n = info.outChannels;
  convForward(simd, heap, { xAt: at(x), outAt: at(out) }, info, (own, byteAt, wide) =>
    copyRows(heap, at(filter), n, own, byteAt >>> 2, wide, taps, n),
  );
  return out;
}

/**
 * BatchMatMul with transposed operands, as two steps: transpose (a copy in the backend's memory),
 * then the stock XNNPACK product without transposes. tfjs-backend-wasm 4.22 multiplies transposed
 * operands 7–14× slower than plain ones, and every dense layer's weight gradient, xᵀ·dy, is such a
 * product: measured on the digits GAN, 85 % of a training step went there, and this kernel makes
 * the step 4× faster (101 → 26 ms). The transpose costs one pass over the operand.
 */
export function batchMatMulWasm(
  args: { inputs: { a: TensorInfo; b: TensorInfo }; backend: KernelBackend; attrs: NamedAttrMap },
  stock: KernelConfig['kernelFunc'],
): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { transposeA, transposeB } = attrs as { transposeA?: boolean; transposeB?: boolean };
  if (!transposeA && !transposeB) return stock(args) as TensorInfo;
  const run = runner(backend);
  const made: TensorInfo[] = [];
  const swapLastTwo = (x: TensorInfo): TensorInfo => {
    const perm = x.shape.map((_, i) => i);
    const n = perm.length;
    [perm[n - 2], perm[n - 1]] = [perm[n - 1]!, perm[n - 2]!];
    const t = run('Transpose', { x }, { perm });
    made.push(t);
    return t;
  };
  try {
    const a = transposeA ? swapLastTwo(inputs.a) : inputs.a;
    const b = transposeB ? swapLastTwo(inputs.b) : inputs.b;
    return stock({
      inputs: { a, b },
      backend,
      attrs: { ...attrs, transposeA: false, transposeB: false },
    }) as TensorInfo;
  } finally {
    for (const t of made) backend.disposeData(t.dataId);
  }
}

/**
 * Identity without a copy: the output shares the input's memory, one more reference to it, as the
 * CPU backend's identity (and every backend's reshape) does. The stock WASM kernel copies, and
 * TensorFlow.js runs Identity on every tensor it keeps for the backward pass: 43 copies in each
 * training step of the article's CNN, several of them whole feature maps. No kernel writes into its
 * inputs, so sharing is safe. Strings go to the stock kernel.
 */
export function identityWasm(
  args: { inputs: { x: TensorInfo }; backend: KernelBackend; attrs: NamedAttrMap },
  stock: KernelConfig['kernelFunc'],
): TensorInfo {
  const { x } = args.inputs;
  if (x.dtype === 'string') return stock(args) as TensorInfo;
  (args.backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * Cast to the dtype a tensor already has, without a copy, as Identity above. TensorFlow.js's ReLU
 * gradient casts the step mask it has just made (float32) to float32: with the stock kernel, a copy
 * of every ReLU layer's output each training step. A cast to bool is 1 where the value is not 0, as
 * on the CPU backend (the stock kernel stores the value's low byte: −2 became 254). Other casts
 * convert, by the stock kernel.
 */
export function castWasm(
  args: { inputs: { x: TensorInfo }; backend: KernelBackend; attrs: NamedAttrMap },
  stock: KernelConfig['kernelFunc'],
): TensorInfo {
  const { x } = args.inputs;
  const { dtype } = args.attrs as { dtype?: string };
  if (x.dtype === dtype) return identityWasm(args, stock);
  if (dtype !== 'bool' || x.dtype === 'string') return stock(args) as TensorInfo;
  const backend = args.backend as unknown as {
    makeOutput(shape: number[], dtype: 'bool'): TensorInfo;
    typedArrayFromHeap(t: TensorInfo): ArrayLike<number> & { [i: number]: number };
  };
  const out = backend.makeOutput(x.shape, 'bool');
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  for (let i = 0; i < from.length; i++) to[i] = from[i] !== 0 ? 1 : 0;
  return out;
}

let registered = false;

type KernelFunc = KernelConfig['kernelFunc'];

/**
 * Puts the project's kernel in place of the stock one for `name`, unless it is there already
 * (marked `project`). The stock kernel's setup binds its C++ function: it is kept, so that ours can
 * hand the cases it does not cover (strided convolutions, large products) to the stock kernel.
 */
function replaceStock(name: string, ours: (stock: KernelFunc) => unknown): void {
  const stock = getKernel(name, 'wasm');
  if (!stock || (stock as { project?: boolean }).project) return;
  unregisterKernel(name, 'wasm');
  registerKernel({
    kernelName: name,
    backendName: 'wasm',
    setupFunc: stock.setupFunc,
    kernelFunc: ours(stock.kernelFunc) as KernelFunc,
    project: true,
  } as KernelConfig);
}

/** Registers the project's training kernels for the 'wasm' backend (idempotent). */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  replaceStock(
    Conv2DBackpropInput,
    (stock) => (args: Parameters<typeof conv2DBackpropInputWasm>[0]) => conv2DBackpropInputWasm(args, stock),
  );
  replaceStock(Conv2D, (stock) => (args: Parameters<typeof conv2DWasm>[0]) => conv2DWasm(args, stock));
  replaceStock(MaxPoolGrad, () => maxPoolGradWasm);
  replaceStock(Identity, (stock) => (args: Parameters<typeof identityWasm>[0]) => identityWasm(args, stock));
  replaceStock(Cast, (stock) => (args: Parameters<typeof castWasm>[0]) => castWasm(args, stock));
  replaceStock(Sum, (stock) => (args: Parameters<typeof sumLeadingWasm>[0]) => sumLeadingWasm(args, stock));
  replaceStock(BatchMatMul, (stock) => (args: Parameters<typeof batchMatMulWasm>[0]) => batchMatMulWasm(args, stock));
  if (!getKernel(UnsortedSegmentSum, 'wasm'))
    registerKernel({
      kernelName: UnsortedSegmentSum,
      backendName: 'wasm',
      kernelFunc: unsortedSegmentSumWasm as unknown as KernelConfig['kernelFunc'],
    });
  if (!getKernel(Conv2DBackpropFilter, 'wasm')) {
    registerKernel({
      kernelName: Conv2DBackpropFilter,
      backendName: 'wasm',
      kernelFunc: conv2DBackpropFilterWasm as unknown as KernelConfig['kernelFunc'],
    });
  }
}
