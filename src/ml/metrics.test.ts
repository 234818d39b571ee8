import { describe, expect, it } from 'vitest';
import { ConfusionTracker } from './metrics';

describe('ConfusionTracker', () => {
  it('counts true class × predicted class and keeps the most confidently wrong', () => {
    const tracker = new ConfusionTracker(3, 2);
    // rows: true 0 → predicted 0; true 1 → predicted 2 (p(true)=0.1); true 2 → predicted 0 (p(true)=0.3);
    // true 1 → predicted 1; true 0 → predicted 1 (p(true)=0.05)
    tracker.add(
      [0.8, 0.1, 0.1, 0.2, 0.1, 0.7, 0.5, 0.2, 0.3, 0.1, 0.8, 0.1, 0.05, 0.9, 0.05],
      [0, 1, 2, 1, 0],
      [10, 11, 12, 13, 14],
    );
    expect(Array.from(tracker.counts)).toEqual([1, 1, 0, 0, 1, 1, 1, 0, 0]);
    expect(tracker.worst.map((w) => w.index)).toEqual([14, 11]);
    expect(tracker.worst[0]).toEqual({ index: 14, label: 0, predicted: 1, trueProb: 0.05, predictedProb: 0.9 });
    expect(tracker.perClassAccuracy()).toEqual([0.5, 0.5, 0]);
  });

  it('breaks an arg-max tie towards the lower class, as tf.argMax does', () => {
    const tracker = new ConfusionTracker(2);
    tracker.add([0.5, 0.5], [1], [0]);
    expect(Array.from(tracker.counts)).toEqual([0, 0, 1, 0]);
  });
});
