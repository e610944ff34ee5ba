// Reading a quarter: one unit's progress, a district's form (its schools added up), the city's rows.
import type { DataSource } from 'typeorm';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import { aggregateDistrict, buildCityRows, type UnitRow } from './aggregate.js';
import { FORM_IDS, FORMS, cellLabel, cellsSuppliedBy, type CellRef, type FilerRole, type FormId } from './fields.js';
import { filerRoleOf, rowLabelOf } from './filer';
import type { Quarter } from './period';
import { getSubmission, loadValues, submissionsOf, valuesOf, type Submission } from './store';

export interface FormProgress {
  formId: FormId;
  annex: string;
  filled: number;
  total: number;
  /** Chat labels of the blank cells, in sheet order. */
  missing: string[];
}

/** Filled and blank cells per form, over the cells this role enters (forms it has none of are left out). */
export function progress(role: FilerRole, values: ReadonlyMap<string, number>): FormProgress[] {
  return FORM_IDS.map((formId) => {
    const cells: readonly CellRef[] = cellsSuppliedBy(role, formId);
    const missing = cells.filter((c) => !values.has(c.id)).map((c) => cellLabel(c));
    return { formId, annex: FORMS[formId].annex, filled: cells.length - missing.length, total: cells.length, missing };
  }).filter((p) => p.total > 0);
}

export interface UnitState {
  unit: Unit;
  role: FilerRole;
  submission: Submission | null;
  values: Map<string, number>;
}

export async function unitState(ds: DataSource, units: UnitDirectory, unit: Unit, quarter: Quarter): Promise<UnitState> {
  const role = filerRoleOf(units, unit);
  if (!role) throw new Error(`${unit.name} files no quarterly forms`);
  const submission = await getSubmission(ds, unit.id, quarter);
  return { unit, role, submission, values: submission ? await loadValues(ds, submission.id) : new Map() };
}

export interface DistrictForm {
  district: Unit;
  own: UnitState;
  /** The form as filed: submitted schools' school cells summed, plus the district's own cells. */
  values: Map<string, number>;
  /** Schools whose figures count (submitted), with their values, in directory order. */
  counted: { unit: Unit; values: Map<string, number> }[];
  /** Schools that have not submitted (a draft or nothing yet). */
  pending: { unit: Unit; submission: Submission | null }[];
}

/**
 * A school's figures count towards its district once it has submitted them: a draft may be half-filled, and a
 * district must be able to file on time whatever a late school does.
 */
export async function districtForm(ds: DataSource, units: UnitDirectory, district: Unit, quarter: Quarter): Promise<DistrictForm> {
  const own = await unitState(ds, units, district, quarter);
  const schools = units.schoolsUnder(district).sort((a, b) => a.id - b.id);
  const subs = await submissionsOf(ds, schools.map((s) => s.id), quarter);
  const submitted = schools.filter((s) => subs.get(s.id)?.status === 'submitted');
  const vals = await valuesOf(ds, submitted.map((s) => subs.get(s.id)!.id));
  const counted = submitted.map((unit) => ({ unit, values: vals.get(subs.get(unit.id)!.id)! }));
  const pending = schools.filter((s) => subs.get(s.id)?.status !== 'submitted').map((unit) => ({ unit, submission: subs.get(unit.id) ?? null }));
  const values = aggregateDistrict({ schools: counted.map((c) => c.values), district: own.values });
  return { district, own, values, counted, pending };
}

/** Districts and 市属学校 under the city, in directory order. */
export function cityFilers(units: UnitDirectory): { districts: Unit[]; cityRunSchools: Unit[] } {
  const city = units.city();
  const children = city ? units.childrenOf(city.id).sort((a, b) => a.id - b.id) : [];
  return { districts: children.filter((u) => u.kind === 'district'), cityRunSchools: children.filter((u) => u.kind === 'school') };
}

/**
 * The rows a unit's workbook shows: a school its own row; a district its form, then each counted school as a
 * "其中：" row so the sum can be checked on paper; the city every 市属学校, every district and the total.
 */
export async function workbookRows(ds: DataSource, units: UnitDirectory, unit: Unit, quarter: Quarter): Promise<UnitRow[]> {
  if (unit.kind === 'school') return [{ rowLabel: rowLabelOf(unit), values: (await unitState(ds, units, unit, quarter)).values }];
  if (unit.kind === 'district') {
    const form = await districtForm(ds, units, unit, quarter);
    return [{ rowLabel: rowLabelOf(unit), values: form.values }, ...form.counted.map((c) => ({ rowLabel: `其中：${c.unit.name}`, values: c.values }))];
  }
  const { districts, cityRunSchools } = cityFilers(units);
  const cityRun = await Promise.all(cityRunSchools.map(async (u) => ({ rowLabel: rowLabelOf(u), values: (await unitState(ds, units, u, quarter)).values })));
  const districtRows: UnitRow[] = [];
  for (const d of districts) districtRows.push({ rowLabel: rowLabelOf(d), values: (await districtForm(ds, units, d, quarter)).values });
  return buildCityRows({ districts: districtRows, cityRunSchools: cityRun });
}

export interface Roll {
  submitted: Unit[];
  /** Not submitted: a draft (with how many of its cells are filled) or nothing yet. */
  pending: { unit: Unit; filled: number; total: number }[];
}

/** Who has and has not submitted among some units. */
export async function rollCall(ds: DataSource, units: UnitDirectory, list: readonly Unit[], quarter: Quarter): Promise<Roll> {
  const subs = await submissionsOf(ds, list.map((u) => u.id), quarter);
  const drafts = [...subs.values()].filter((s) => s.status !== 'submitted');
  const vals = await valuesOf(ds, drafts.map((s) => s.id));
  const pending = list.filter((u) => subs.get(u.id)?.status !== 'submitted').map((unit) => {
    const role = filerRoleOf(units, unit) ?? 'school';
    const values = vals.get(subs.get(unit.id)?.id ?? -1) ?? new Map<string, number>();
    const cells = cellsSuppliedBy(role);
    return { unit, filled: cells.filter((c) => values.has(c.id)).length, total: cells.length };
  });
  return { submitted: list.filter((u) => subs.get(u.id)?.status === 'submitted'), pending };
}
