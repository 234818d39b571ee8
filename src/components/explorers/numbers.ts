/**
 * How the explorers write their numbers: short, exact-looking values that fit a grid cell or a
 * term of a written-out sum, with a true minus sign (−) where the text is read as mathematics.
 */

/** An integer as it is, anything else with two decimals: 3, −22 and 0.50 in the conv explorer. */
export const plain = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** A factor in a written-out product: a negative one in parentheses, "(-1)". */
export const signed = (n: number): string => (n < 0 ? `(${plain(n)})` : plain(n));

/** `n` with exactly `digits` decimals, never a negative zero ("-0.00" is "0.00"). */
export function fixed(n: number, digits: number): string {
  const text = n.toFixed(digits);
  return text.startsWith('-') && Number(text) === 0 ? text.slice(1) : text;
}

/** A hyphen-minus as the minus sign of mathematics: "−0.25". */
export const minus = (text: string): string => text.replace('-', '−');

/** A factor in a written-out product, from its text: "(−0.50)" when negative. */
export const factor = (text: string): string => (text.startsWith('-') ? `(${minus(text)})` : text);

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A whole number as subscript digits: h₁₂. */
export const subscript = (n: number): string => String(n).replace(/\d/g, (d) => SUBSCRIPT[Number(d)]!);

/** A whole number as superscript digits and minus: 10⁻⁹. */
export const superscript = (n: number): string => [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');

/** A positive value across many decades, two significant digits: 0.2, 1.5, 120, or 3.2×10⁻⁹. */
export function scientific(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return '∞';
  if (v >= 0.01 && v < 1000) return String(Number(v.toPrecision(2)));
  const [m, e] = v.toExponential(1).split('e') as [string, string];
  return `${m.replace(/\.0$/, '')}×10${superscript(Number(e))}`;
}
