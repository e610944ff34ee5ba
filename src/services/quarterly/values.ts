import { MSG } from './messages.js';
import { foldNumber, hasAtMostDecimals, isMoney } from './normalize.js';
import type { Unit } from './types.js';

const UNITS: readonly string[] = ['万元', '场次', '家次', '人次', '家', '人', '条', '个', '份'];
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Why a value cannot go in a cell of this unit, or null: whole and ≥ 0, 万元 with at most 2 decimals. */
export function valueProblem(label: string, unit: Unit, value: number, raw = String(value)): string | null {
  if (!Number.isFinite(value)) return MSG.notNumber(label, raw);
  if (value < 0) return MSG.negative(label, raw);
  if (isMoney(unit)) return hasAtMostDecimals(value, 2) ? null : MSG.tooManyDecimals(label, raw);
  return Number.isInteger(value) ? null : MSG.notWhole(label, raw);
}

/** Reads what a user typed as a value (full-width digits and a trailing unit allowed). */
export function parseValue(label: string, unit: Unit, raw: string): { value: number } | { error: string } {
  let text = foldNumber(raw);
  const suffix = UNITS.find((u) => text.endsWith(u) && text.length > u.length);
  if (suffix) text = text.slice(0, -suffix.length);
  if (!NUMBER.test(text)) return { error: MSG.notNumber(label, raw) };
  const value = Number(text);
  const problem = valueProblem(label, unit, value, raw);
  return problem ? { error: problem } : { value };
}
