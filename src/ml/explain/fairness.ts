/**
 * The fairness audit's arithmetic (framework-free, for the page and the tests): a group's confusion
 * matrix at a decision threshold on the model's score, the three criteria's gaps between two groups,
 * and the threshold pairs that satisfy each criterion with the best accuracy. Thresholds lie on a
 * grid of `STEPS` + 1 values 0, 1/STEPS, …, 1; a person is accepted when score ≥ threshold.
 *
 *   demographic parity   P(Ŷ=1 | A=a) equal               (positive rates)
 *   equal opportunity    P(Ŷ=1 | Y=1, A=a) equal          (true-positive rates)
 *   equalised odds       TPR and FPR both equal           (Hardt, Price and Srebro, 2016)
 *
 * With thresholds alone (no randomisation) rates move in steps, so "equal" means within `TOLERANCE`.
 */

export const STEPS = 100;
/** the largest gap between the groups' rates that still counts as equal */
export const TOLERANCE = 0.02;

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface Scored {
  /** the model's P(Y = 1) for each person */
  scores: ArrayLike<number>;
  labels: ArrayLike<number>;
  /** 0 or 1 */
  groups: ArrayLike<number>;
}

export type Criterion = 'accuracy' | 'parity' | 'opportunity' | 'odds';
export const CRITERIA: readonly Criterion[] = ['accuracy', 'parity', 'opportunity', 'odds'];

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** The rates of one confusion matrix. */
export function rates(c: Confusion) {
  const n = c.tp + c.fp + c.tn + c.fn;
  return {
    positiveRate: ratio(c.tp + c.fp, n),
    tpr: ratio(c.tp, c.tp + c.fn),
    fpr: ratio(c.fp, c.fp + c.tn),
    fnr: ratio(c.fn, c.tp + c.fn),
    ppv: ratio(c.tp, c.tp + c.fp),
    accuracy: ratio(c.tp + c.tn, n),
    baseRate: ratio(c.tp + c.fn, n),
  };
}

/** The grid index of the largest threshold k/STEPS that `score` reaches (−1 below 0). */
function reach(score: number): number {
  let k = Math.min(STEPS, Math.floor(score * STEPS));
  while (k < STEPS && (k + 1) / STEPS <= score) k++;
  while (k >= 0 && k / STEPS > score) k--;
  return k;
}

/**
 * For each group and each threshold index k (0 … STEPS), the confusion matrix of accepting the
 * scores ≥ k/STEPS: computed once, then every threshold pair is a lookup.
 */
export class ThresholdTable {
  readonly #positives: [Int32Array, Int32Array];
  readonly #negatives: [Int32Array, Int32Array];
  /** people with Y = 1 and Y = 0 in each group */
  readonly totals: [{ pos: number; neg: number }, { pos: number; neg: number }];

  constructor(data: Scored) {
    const pos = [new Int32Array(STEPS + 2), new Int32Array(STEPS + 2)] as [Int32Array, Int32Array];
    const neg = [new Int32Array(STEPS + 2), new Int32Array(STEPS + 2)] as [Int32Array, Int32Array];
    for (let i = 0; i < data.scores.length; i++) {
      const g = data.groups[i] ? 1 : 0;
      const k = reach(data.scores[i]!);
      if (k < 0) continue;
      (data.labels[i] ? pos : neg)[g][k]! += 1;
    }
    this.totals = [
      { pos: 0, neg: 0 },
      { pos: 0, neg: 0 },
    ];
    for (let i = 0; i < data.scores.length; i++) {
      const g = data.groups[i] ? 1 : 0;
      if (data.labels[i]) this.totals[g].pos++;
      else this.totals[g].neg++;
    }
    // accepted at k: everyone who reaches k or more (suffix sums)
    for (const table of [...pos, ...neg]) for (let k = STEPS - 1; k >= 0; k--) table[k]! += table[k + 1]!;
    this.#positives = pos;
    this.#negatives = neg;
  }

  /** group g's confusion matrix at threshold index k */
  confusion(g: 0 | 1, k: number): Confusion {
    const tp = this.#positives[g][k]!;
    const fp = this.#negatives[g][k]!;
    return { tp, fp, fn: this.totals[g].pos - tp, tn: this.totals[g].neg - fp };
  }
}

export interface Audit {
  confusions: [Confusion, Confusion];
  accuracy: number;
  /** |difference| between the groups' positive rates, true-positive rates and false-positive rates */
  parityGap: number;
  opportunityGap: number;
  /** the larger of the TPR and FPR gaps */
  oddsGap: number;
}

/** The audit at threshold indices [k0, k1] (blue, orange). */
export function audit(table: ThresholdTable, [k0, k1]: readonly [number, number]): Audit {
  const confusions: [Confusion, Confusion] = [table.confusion(0, k0), table.confusion(1, k1)];
  const [a, b] = confusions.map(rates) as [ReturnType<typeof rates>, ReturnType<typeof rates>];
  const correct = confusions.reduce((s, c) => s + c.tp + c.tn, 0);
  const all = confusions.reduce((s, c) => s + c.tp + c.tn + c.fp + c.fn, 0);
  const tprGap = Math.abs(a.tpr - b.tpr);
  return {
    confusions,
    accuracy: ratio(correct, all),
    parityGap: Math.abs(a.positiveRate - b.positiveRate),
    opportunityGap: tprGap,
    oddsGap: Math.max(tprGap, Math.abs(a.fpr - b.fpr)),
  };
}

/** The gap a criterion asks to be (nearly) zero; accuracy asks for none. */
export function gapOf(result: Audit, criterion: Criterion): number {
  if (criterion === 'parity') return result.parityGap;
  if (criterion === 'opportunity') return result.opportunityGap;
  if (criterion === 'odds') return result.oddsGap;
  return 0;
}

export interface Best {
  /** threshold indices, blue and orange (threshold = k / STEPS) */
  thresholds: [number, number];
  audit: Audit;
}

/**
 * The threshold pair with the highest accuracy among those whose gap for `criterion` is at most
 * `tolerance`; ties go to the smaller gap, then to the lower thresholds. Always finds one: accepting
 * everyone (0, 0) has every gap zero.
 */
export function bestThresholds(table: ThresholdTable, criterion: Criterion, tolerance = TOLERANCE): Best {
  let best: Best | undefined;
  for (let k0 = 0; k0 <= STEPS; k0++) {
    for (let k1 = 0; k1 <= STEPS; k1++) {
      const result = audit(table, [k0, k1]);
      const gap = gapOf(result, criterion);
      if (gap > tolerance + 1e-12) continue;
      if (
        !best ||
        result.accuracy > best.audit.accuracy + 1e-12 ||
        (Math.abs(result.accuracy - best.audit.accuracy) <= 1e-12 && gap < gapOf(best.audit, criterion) - 1e-12)
      )
        best = { thresholds: [k0, k1], audit: result };
    }
  }
  return best!;
}

/**
 * Chouldechova's identity (2017), which holds for every group and every threshold:
 * FPR = p / (1 − p) · (1 − PPV) / PPV · (1 − FNR), with p the group's base rate. So if two groups'
 * base rates differ, equal PPV and equal FNR force unequal FPR.
 * @returns the FPR the identity gives (NaN where PPV is 0 or p is 1)
 */
export function impliedFpr(c: Confusion): number {
  const r = rates(c);
  if (r.ppv === 0 || r.baseRate === 1) return Number.NaN;
  return (r.baseRate / (1 - r.baseRate)) * ((1 - r.ppv) / r.ppv) * (1 - r.fnr);
}
