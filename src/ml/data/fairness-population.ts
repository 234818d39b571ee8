/**
 * A synthetic loan-applicant population for the fairness audit lab, in the manner of Wattenberg,
 * Viégas and Hardt's "Attacking discrimination with smarter machine learning" (Google, 2016): two
 * groups, "blue" and "orange", who differ in their base rate (the share who would repay) and in
 * how well the two recorded features, a credit score and a debt ratio, reflect it. No real person
 * is in it; the group attribute stands for any attribute a lender must not discriminate on, and the
 * model never sees it. Seeded, so the page, the worker and the tests draw the same people.
 * Framework-free: the page imports it.
 */
import { mulberry32 } from '../random';

/** Group 0 is "blue", group 1 "orange". */
export const GROUPS = ['blue', 'orange'] as const;

export interface GroupSpec {
  /** the share of the population in this group */
  share: number;
  /** P(Y = 1 | group): the share who would repay */
  baseRate: number;
  /** the features' mean for a person who would repay, and for one who would not */
  mean1: number;
  mean0: number;
  /** the features' spread (larger: the features say less about repaying) */
  spread: number;
}

export interface PopulationSpec {
  seed: number;
  train: number;
  test: number;
  groups: readonly [GroupSpec, GroupSpec];
}

/** The lab's population: orange applicants repay less often, and their records are noisier. */
export const FAIRNESS_POPULATION: PopulationSpec = {
  seed: 2016,
  train: 2000,
  test: 2000,
  groups: [
    { share: 0.5, baseRate: 0.6, mean1: 0.9, mean0: -0.9, spread: 1 },
    { share: 0.5, baseRate: 0.4, mean1: 0.5, mean0: -1.1, spread: 1.3 },
  ],
};

/** How many features each person has (credit score, debt ratio), standardised. */
export const FEATURES = 2;

export interface People {
  /** [n, FEATURES] row-major */
  features: Float32Array;
  /** 1: would repay */
  labels: Uint8Array;
  /** 0 blue, 1 orange */
  groups: Uint8Array;
}

function draw(n: number, spec: PopulationSpec, random: () => number): People {
  const features = new Float32Array(n * FEATURES);
  const labels = new Uint8Array(n);
  const groups = new Uint8Array(n);
  // Box–Muller: one standard normal from two uniforms
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  for (let i = 0; i < n; i++) {
    const g = random() < spec.groups[0].share ? 0 : 1;
    const group = spec.groups[g];
    const y = random() < group.baseRate ? 1 : 0;
    const mean = y ? group.mean1 : group.mean0;
    groups[i] = g;
    labels[i] = y;
    // the debt ratio says less than the credit score: half the separation
    features[i * FEATURES] = mean + group.spread * normal();
    features[i * FEATURES + 1] = mean / 2 + group.spread * normal();
  }
  return { features, labels, groups };
}

/** The training and the test people of `spec`, the same for the same spec. */
export function population(spec: PopulationSpec = FAIRNESS_POPULATION): { train: People; test: People } {
  const random = mulberry32(spec.seed);
  const train = draw(spec.train, spec, random);
  const test = draw(spec.test, spec, random);
  return { train, test };
}

/** The share of each group's people who would repay (the measured base rates). */
export function baseRates(people: People): [number, number] {
  const count = [0, 0];
  const positive = [0, 0];
  people.groups.forEach((g, i) => {
    count[g]! += 1;
    positive[g]! += people.labels[i]!;
  });
  return [positive[0]! / count[0]!, positive[1]! / count[1]!];
}
