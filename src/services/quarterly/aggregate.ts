import { listCells } from './catalogue.js';
import { addValues, isMoney } from './normalize.js';
import type { CellRef, FormId } from './types.js';

export type CellValues = ReadonlyMap<string, number>;

/** One row of a form: a district, a 市属学校, 市直单位 or a total. */
export interface UnitRow {
  rowLabel: string;
  values: CellValues;
}

const sumCell = (cell: CellRef, maps: readonly CellValues[]): number | undefined => {
  const present = maps.filter((m) => m.has(cell.id)).map((m) => m.get(cell.id)!);
  return present.length ? addValues(present, isMoney(cell.field.unit)) : undefined;
};

/** Cell-wise sum of several value maps (money to the cent); a cell none of them has stays absent. */
export function sumValues(maps: readonly CellValues[], formId?: FormId): Map<string, number> {
  const out = new Map<string, number>();
  for (const cell of listCells(formId)) {
    const sum = sumCell(cell, maps);
    if (sum !== undefined) out.set(cell.id, sum);
  }
  return out;
}

export interface DistrictInput {
  /** Each school's values; only the cells schools supply are read from them. */
  schools: readonly CellValues[];
  /** The district bureau's own values; only the cells districts supply are read from it. */
  district: CellValues;
  formId?: FormId;
}

/**
 * A district's form: the sum over its schools of the school cells, plus the district's own cells.
 * A school cell no school has filed yet stays absent, so validation lists it as missing.
 */
export function aggregateDistrict(input: DistrictInput): Map<string, number> {
  const out = new Map<string, number>();
  for (const cell of listCells(input.formId)) {
    const value = cell.field.supplier === 'school' ? sumCell(cell, input.schools) : input.district.get(cell.id);
    if (value !== undefined) out.set(cell.id, value);
  }
  return out;
}

export interface CityViewInput {
  /** Each district's form (from aggregateDistrict), in the order to show. */
  districts: readonly UnitRow[];
  /** Each 市属学校's own form. */
  cityRunSchools: readonly UnitRow[];
  /** One 市直单位 row summing the 市属学校 instead of a row each. */
  combineCityRun?: boolean;
  /** Label of a last row summing every row above; null for none. Default 合计. */
  totalLabel?: string | null;
}

/** The city's view: 市属学校 rows first (as the seed's 市直单位 row comes first), then each district, then the total. */
export function buildCityRows(input: CityViewInput): UnitRow[] {
  const cityRows = input.combineCityRun
    ? input.cityRunSchools.length
      ? [{ rowLabel: '市直单位', values: sumValues(input.cityRunSchools.map((r) => r.values)) }]
      : []
    : [...input.cityRunSchools];
  const rows: UnitRow[] = [...cityRows, ...input.districts];
  const totalLabel = input.totalLabel === undefined ? '合计' : input.totalLabel;
  if (totalLabel !== null) rows.push({ rowLabel: totalLabel, values: sumValues(rows.map((r) => r.values)) });
  return rows;
}
