import { describe, expect, it } from 'vitest';
import { factor, fixed, minus, plain, scientific, signed, subscript, superscript } from './numbers';

describe("the explorers' numbers", () => {
  it('write grid values: integers as they are, others with two decimals', () => {
    expect(plain(-22)).toBe('-22');
    expect(plain(0.5)).toBe('0.50');
    expect(signed(-1)).toBe('(-1)');
    expect(signed(3)).toBe('3');
  });

  it('never write a negative zero, and use a true minus in mathematics', () => {
    expect(fixed(-0.0001, 2)).toBe('0.00');
    expect(fixed(-0.004, 3)).toBe('-0.004');
    expect(fixed(0.7616, 3)).toBe('0.762');
    expect(minus(fixed(-0.25, 2))).toBe('−0.25');
    expect(factor('-0.50')).toBe('(−0.50)');
    expect(factor('0.50')).toBe('0.50');
  });

  it('write indices and powers of ten', () => {
    expect(subscript(12)).toBe('₁₂');
    expect(superscript(-9)).toBe('⁻⁹');
    expect(scientific(0)).toBe('0');
    expect(scientific(Infinity)).toBe('∞');
    expect(scientific(0.2)).toBe('0.2');
    expect(scientific(123)).toBe('120');
    expect(scientific(3.2e-9)).toBe('3.2×10⁻⁹');
    expect(scientific(1e-12)).toBe('1×10⁻¹²');
    expect(scientific(4.56e5)).toBe('4.6×10⁵');
  });
});
