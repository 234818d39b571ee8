// What the 2-D GAN lab puts in `data-last-run` from its last frame: the iteration, the distance to
// the target and, on a ring, the modes covered; nothing before the first frame.
import { describe, expect, it } from 'vitest';
import { ganResults } from './gan-progress';

describe('ganResults', () => {
  it('reports the last frame, with modes only for a ring', () => {
    expect(ganResults(undefined)).toEqual({});
    expect(ganResults({ iteration: 300, distance: 0.7, modes: 8, covered: 1 })).toEqual({
      iteration: 300,
      distance: 0.7,
      modes: 8,
      covered: 1,
    });
    expect(ganResults({ iteration: 5, modes: 8 })).toEqual({ iteration: 5, modes: 8, covered: 0 });
    expect(ganResults({ iteration: 5 })).toEqual({ iteration: 5 });
  });
});
