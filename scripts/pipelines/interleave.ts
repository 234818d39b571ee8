/**
 * An order of examples in which every prefix holds each class in proportion to the whole.
 *
 * A lab starts training on the first chunk of its data while the rest is still arriving, and its
 * first epoch draws from what has arrived (`ArrivalSampler`). That is only sound when any prefix
 * of the file is a fair sample of it. A file sorted by class (the emoji, listed category by
 * category) breaks that: its first chunk is all smileys, and a fast training loop on a slow line
 * spends its first epoch on one or two classes. This order spreads each class evenly: the k-th of
 * a class's n examples is placed at (k + ½) / n of the way through, classes breaking ties in order
 * of their first appearance; within a class the original order is kept.
 */
export function interleaveByClass(labels: ArrayLike<number>): number[] {
  const total = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) total.set(labels[i]!, (total.get(labels[i]!) ?? 0) + 1);
  const classRank = new Map([...total.keys()].map((label, rank) => [label, rank]));
  const seen = new Map<number, number>();
  const keyed = Array.from({ length: labels.length }, (_, i) => {
    const label = labels[i]!;
    const k = seen.get(label) ?? 0;
    seen.set(label, k + 1);
    return { i, at: (k + 0.5) / total.get(label)!, rank: classRank.get(label)! };
  });
  keyed.sort((a, b) => a.at - b.at || a.rank - b.rank);
  return keyed.map((e) => e.i);
}
