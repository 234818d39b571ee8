import { describe, expect, it } from 'vitest';
import { audit, bestThresholds, impliedFpr, rates, STEPS, ThresholdTable } from './fairness';

// eight people: group 0 (four) and group 1 (four), scores on the grid
const data = {
  scores: [0.9, 0.7, 0.4, 0.2, 0.8, 0.5, 0.3, 0.1],
  labels: [1, 1, 0, 0, 1, 0, 1, 0],
  groups: [0, 0, 0, 0, 1, 1, 1, 1],
};

describe('fairness arithmetic', () => {
  it('counts each group’s confusion matrix at a threshold (score ≥ threshold is accepted)', () => {
    const table = new ThresholdTable(data);
    expect(table.confusion(0, 50)).toEqual({ tp: 2, fp: 0, tn: 2, fn: 0 });
    expect(table.confusion(1, 50)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    // exactly on the threshold counts as accepted
    expect(table.confusion(0, 40)).toEqual({ tp: 2, fp: 1, tn: 1, fn: 0 });
    expect(table.confusion(1, 0)).toEqual({ tp: 2, fp: 2, tn: 0, fn: 0 });
    expect(table.confusion(1, STEPS)).toEqual({ tp: 0, fp: 0, tn: 2, fn: 2 });
  });

  it('measures the three gaps', () => {
    const table = new ThresholdTable(data);
    const result = audit(table, [50, 50]);
    expect(result.accuracy).toBe(6 / 8);
    expect(result.parityGap).toBe(0); // both accept two of four
    expect(result.opportunityGap).toBe(0.5); // TPR 1 and 1/2
    expect(result.oddsGap).toBe(0.5); // FPR 0 and 1/2
  });

  it('finds the most accurate threshold pair under each criterion', () => {
    const table = new ThresholdTable(data);
    const best = bestThresholds(table, 'accuracy');
    expect(best.audit.accuracy).toBe(7 / 8);
    // equal opportunity at full accuracy is impossible here; TPR 1 for both costs a false positive
    const opportunity = bestThresholds(table, 'opportunity', 0);
    expect(opportunity.audit.opportunityGap).toBe(0);
    expect(opportunity.audit.accuracy).toBe(7 / 8);
    expect(opportunity.thresholds[1]).toBeLessThanOrEqual(30);
    const odds = bestThresholds(table, 'odds', 0);
    expect(odds.audit.oddsGap).toBe(0);
    expect(odds.audit.accuracy).toBeLessThan(best.audit.accuracy);
  });

  it('satisfies Chouldechova’s identity', () => {
    const c = { tp: 30, fp: 10, tn: 50, fn: 10 };
    expect(impliedFpr(c)).toBeCloseTo(rates(c).fpr, 12);
  });
});
