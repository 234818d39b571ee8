import { describe, expect, it } from 'vitest';
import { fitToPlane, MAX_OWN_POINTS, ownPoints } from './own-points';

describe('own GAN points', () => {
  it('fits points into the plane, centred, aspect kept', () => {
    const out = fitToPlane([10, 100, 20, 100, 30, 105]);
    expect([...out].map((v) => Math.round(v * 100) / 100)).toEqual([-3, -0.75, 0, -0.75, 3, 0.75]);
    expect([...fitToPlane([5, 5, 5, 5])]).toEqual([0, 0, 0, 0]);
  });
  it('reads x,y rows with or without a header', () => {
    const withHeader = ownPoints('x,y\n0,0\n1,1\n2,0\n');
    const without = ownPoints('0;0\n1;1\n2;0\n');
    expect(withHeader.ok && withHeader.count).toBe(3);
    expect(without.ok && [...without.points]).toEqual(withHeader.ok && [...withHeader.points]);
  });
  it('names the line of a bad row', () => {
    expect(ownPoints('x,y\n0,0\n1,one\n2\n3,3\n')).toEqual({
      ok: false,
      problems: [
        { code: 'number', line: 3, text: 'one' },
        { code: 'fields', line: 4, found: 1 },
      ],
    });
  });
  it('caps the count and needs a few points', () => {
    const many = Array.from({ length: MAX_OWN_POINTS + 1 }, (_, i) => `${i},${i}`).join('\n');
    expect(ownPoints(many)).toEqual({
      ok: false,
      problems: [{ code: 'too-many', count: MAX_OWN_POINTS + 1, max: MAX_OWN_POINTS }],
    });
    expect(ownPoints('x,y\n1,2\n')).toEqual({ ok: false, problems: [{ code: 'too-few', count: 1, min: 3 }] });
    expect(ownPoints('x,y\n')).toEqual({ ok: false, problems: [{ code: 'empty' }] });
  });
});
