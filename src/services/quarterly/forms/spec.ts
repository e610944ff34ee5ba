import type { FieldSpec, HeaderNode, Period, Supplier, Unit } from '../types.js';

/** A leaf header column holding a field. */
export function col(label: string, field: FieldSpec): HeaderNode {
  return { label, field };
}

/** A header node over other nodes. */
export function group(label: string, children: readonly HeaderNode[], rows?: number): HeaderNode {
  return rows ? { label, children, rows } : { label, children };
}

type Extra = Omit<FieldSpec, 'key' | 'short' | 'unit' | 'period' | 'supplier'>;

/** Field spec shorthand: key, short label, unit, period, supplier, then the optional parts. */
export function fld(key: string, short: string, unit: Unit, period: Period, supplier: Supplier, extra: Extra = {}): FieldSpec {
  return { key, short, unit, period, supplier, ...extra };
}
