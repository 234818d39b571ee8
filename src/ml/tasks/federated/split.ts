/**
 * Federated averaging's arithmetic, free of TensorFlow.js (the page and the unit tests use it too):
 * how the training examples are dealt to simulated clients (evenly at random, or skewed by label
 * with a Dirichlet draw), which clients take part in a round, the weighted average of their models
 * (FedAvg: each client weighs by its number of examples) and the bytes a round would send.
 */
import { mulberry32, shuffledIndices } from '../../random';

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A Gamma(shape, 1) draw (Marsaglia and Tsang 2000; shape < 1 boosted by U^(1/shape)). */
export function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Proportions p ~ Dirichlet(α, …, α) over `k` parts (they sum to 1). */
export function dirichlet(alpha: number, k: number, random: () => number): Float64Array {
  const draws = Float64Array.from({ length: k }, () => gamma(alpha, random));
  let sum = draws.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) {
    // every draw underflowed (α tiny): all of the class goes to one part
    draws.fill(0);
    draws[Math.floor(random() * k)] = 1;
    sum = 1;
  }
  return draws.map((v) => v / sum);
}

/**
 * Deals examples 0 … labels.length − 1 to `clients` clients. With `alpha` undefined, IID: shuffled
 * and dealt in equal shares. With a concentration `alpha`, each class is split among the clients in
 * proportions drawn from Dirichlet(α): small α gives each client a few classes, large α tends to IID.
 * Every client gets at least one example (a draw that leaves one empty is drawn again, up to 50 times).
 * Seeded: the same labels, clients, α and seed give the same shards.
 * @returns the example indices of each client
 */
export function splitClients(
  labels: ArrayLike<number>,
  classes: number,
  clients: number,
  alpha: number | undefined,
  seed: number,
): Int32Array[] {
  const n = labels.length;
  if (!Number.isInteger(clients) || clients < 1 || clients > n)
    throw new RangeError(`cannot deal ${n} examples to ${clients} clients`);
  const random = mulberry32(seed ^ 0xfeda);
  if (alpha === undefined) {
    const order = shuffledIndices(n, random);
    return Array.from({ length: clients }, (_, c) =>
      order.slice(Math.floor((c * n) / clients), Math.floor(((c + 1) * n) / clients)),
    );
  }
  if (!(alpha > 0)) throw new RangeError(`the concentration α must be positive, not ${alpha}`);
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < n; i++) byClass[labels[i]!]!.push(i);
  let shards: number[][] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    shards = Array.from({ length: clients }, () => []);
    for (const members of byClass) {
      const order = shuffledIndices(members.length, random);
      const p = dirichlet(alpha, clients, random);
      let from = 0;
      let cumulative = 0;
      for (let c = 0; c < clients; c++) {
        cumulative += p[c]!;
        const to = c === clients - 1 ? members.length : Math.round(cumulative * members.length);
        for (let j = from; j < to; j++) shards[c]!.push(members[order[j]!]!);
        from = Math.max(from, to);
      }
    }
    if (shards.every((s) => s.length > 0)) break;
  }
  return shards.map((s) => Int32Array.from(shuffledIndices(s.length, random), (j) => s[j]!));
}

/** counts[client · classes + label]: how many examples of each class each client holds. */
export function classCounts(shards: Int32Array[], labels: ArrayLike<number>, classes: number): Float32Array {
  const counts = new Float32Array(shards.length * classes);
  shards.forEach((shard, c) => shard.forEach((i) => counts[c * classes + labels[i]!]!++));
  return counts;
}

/**
 * How skewed a split is: the mean, over clients weighted by size, of the share of a client's
 * examples in its most common class (1/classes for a perfectly even split, 1 when each client has one class).
 */
export function labelSkew(counts: Float32Array, classes: number): number {
  let top = 0;
  let total = 0;
  for (let c = 0; c < counts.length / classes; c++) {
    const row = counts.subarray(c * classes, (c + 1) * classes);
    top += Math.max(...row);
    total += row.reduce((a, b) => a + b, 0);
  }
  return total > 0 ? top / total : Number.NaN;
}

/** The clients of one round: ⌈fraction · clients⌉ of them (at least one), chosen at random without repeats, in order. */
export function chooseClients(clients: number, fraction: number, random: () => number): number[] {
  const m = Math.min(clients, Math.max(1, Math.ceil(fraction * clients - 1e-9)));
  return Array.from(shuffledIndices(clients, random).subarray(0, m)).sort((a, b) => a - b);
}

/**
 * FedAvg's server step: the average of the clients' weights, each client weighed by its number of
 * examples n_k (w ← Σ n_k w_k / Σ n_k). `models[k]` is client k's list of weight arrays, in the same
 * order and shapes for every client. Clients with no examples count for nothing.
 * @throws RangeError when no client has an example, or the shapes differ
 */
export function weightedAverage(
  models: readonly (readonly Float32Array[])[],
  sizes: readonly number[],
): Float32Array[] {
  if (models.length === 0 || models.length !== sizes.length)
    throw new RangeError('one size per client model is needed');
  const total = sizes.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('no client has an example to weigh by');
  const first = models[0]!;
  const out = first.map((w) => new Float32Array(w.length));
  models.forEach((weights, k) => {
    if (weights.length !== first.length)
      throw new RangeError(`client ${k} has ${weights.length} weight arrays, not ${first.length}`);
    const share = sizes[k]! / total;
    if (share === 0) return;
    weights.forEach((w, j) => {
      const target = out[j]!;
      if (w.length !== target.length)
        throw new RangeError(`client ${k}'s weight ${j} has ${w.length} values, not ${target.length}`);
      for (let i = 0; i < w.length; i++) target[i]! += share * w[i]!;
    });
  });
  return out;
}

/** The bytes one round would send: every participant downloads the model and uploads its update, 4 bytes a parameter (float32). */
export const roundBytes = (parameters: number, participants: number): number => parameters * 4 * participants * 2;
