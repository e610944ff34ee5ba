import type { Unit } from './types.js';

const UNIT_IN_PARENS = /\((?:家|人|条|个|份|场次|家次|人次|万元)\)/g;

/**
 * Folds a field name for matching: NFKC (full-width and ︵︶ forms to ASCII), no spaces or quotes,
 * no unit in brackets, lower case. "自查隐患数量（条）" and "自查隐患数量" fold to the same text.
 */
export function foldName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s“”"'‘’]/g, '')
    .replace(UNIT_IN_PARENS, '')
    .toLowerCase();
}

/** Full-width digits and signs to ASCII, spaces removed. */
export function foldNumber(text: string): string {
  return text.normalize('NFKC').replace(/\s/g, '').replace(/。/g, '.');
}

/** True when the value has at most `places` decimals (tolerating binary floating point). */
export function hasAtMostDecimals(value: number, places: number): boolean {
  const scaled = value * 10 ** places;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

export function isMoney(unit: Unit): boolean {
  return unit === '万元';
}

/** Adds values exactly to the cent when money, exactly otherwise. */
export function addValues(values: readonly number[], money: boolean): number {
  if (!money) return values.reduce((a, b) => a + b, 0);
  const cents = values.reduce((a, b) => a + Math.round(b * 100), 0);
  return cents / 100;
}

/** Similarity of two folded names by shared character bigrams (Dice), with single characters for short names. */
export function similarity(a: string, b: string): number {
  const grams = (s: string): string[] => (s.length < 2 ? [...s] : [...s].slice(0, -1).map((c, i) => c + [...s][i + 1]));
  const ga = grams(a);
  const gb = grams(b);
  if (!ga.length || !gb.length) return 0;
  const pool = [...gb];
  let shared = 0;
  for (const g of ga) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      shared += 1;
      pool.splice(i, 1);
    }
  }
  return (2 * shared) / (ga.length + gb.length);
}
