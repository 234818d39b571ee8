/**
 * Magnitude pruning, framework-free: the fraction `sparsity` of a tensor's weights with the smallest
 * magnitude are set to zero (per layer, as Keras's `prune_low_magnitude` does); a mask keeps them
 * at zero while the rest are fine-tuned.
 */

/** A 0/1 mask that zeroes the ⌊sparsity · n⌋ weights of smallest magnitude (ties broken by position). */
export function pruneMask(values: ArrayLike<number>, sparsity: number): Uint8Array {
  if (!(sparsity >= 0 && sparsity <= 1)) throw new RangeError(`sparsity must be in [0, 1], not ${sparsity}`);
  const n = values.length;
  const drop = Math.floor(sparsity * n);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => Math.abs(values[a]!) - Math.abs(values[b]!) || a - b);
  const mask = new Uint8Array(n).fill(1);
  for (let k = 0; k < drop; k++) mask[order[k]!] = 0;
  return mask;
}

/** The values with the mask applied (a new array). */
export function applyMask(values: ArrayLike<number>, mask: Uint8Array): Float32Array {
  if (values.length !== mask.length) throw new RangeError(`${values.length} values, ${mask.length} mask entries`);
  return Float32Array.from(values, (v, i) => (mask[i] ? v : 0));
}

/** The fraction of zeros. */
export function sparsityOf(values: ArrayLike<number>): number {
  let zeros = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) zeros += 1;
  return values.length ? zeros / values.length : 0;
}
