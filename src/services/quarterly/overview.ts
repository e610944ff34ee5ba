// Reading a quarter: one unit's progress, a district's form (its schools added up), the city's rows.
import type { DataSource } from 'typeorm';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import { aggregateDistrict, sumValues, type UnitRow } from './aggregate.js';
import type { BreakdownRow } from './workbook.js';
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

/** A district's row as filed: its schools' cells summed over submitted schools only, its own cells once it has submitted. */
function districtRowValues(form: DistrictForm): Map<string, number> {
  const own = form.own.submission?.status === 'submitted' ? form.own.values : new Map<string, number>();
  return aggregateDistrict({ schools: form.counted.map((c) => c.values), district: own });
}

const submittedValues = (s: UnitState) => (s.submission?.status === 'submitted' ? s.values : null);

export interface WorkbookContent {
  rows: UnitRow[];
  coverage: string[];
  breakdown: BreakdownRow[];
  scope: 'school' | 'bureau';
  /** The unit's own submission, for 填表人 and the date. */
  own: Submission | null;
}

/**
 * What a unit's workbook shows, in the seed's row types: a school its own row (only the cells schools report); a
 * district one 县（市、区） row; a 市属学校 one 市直单位 row; the city one 市直单位 row summing the submitted 市属学校
 * and a 县（市、区） row per district. Only submitted figures count; a unit that has not submitted reads 「未报」, and
 * the line under each table says how many should have filed and how many did. Per-school figures go to 各校明细.
 */
export async function workbookContent(ds: DataSource, units: UnitDirectory, unit: Unit, quarter: Quarter): Promise<WorkbookContent> {
  const role = filerRoleOf(units, unit);
  if (role === 'school') {
    const st = await unitState(ds, units, unit, quarter);
    const filed = submittedValues(st);
    const coverage = [filed ? `报送情况：本校已提交。` : `报送情况：本校尚未提交，各栏为「未报」（提交前的草稿不计入）。`];
    return { rows: [{ rowLabel: rowLabelOf(unit), values: filed ?? new Map() }], coverage, breakdown: [], scope: 'school', own: st.submission };
  }
  if (role === 'city-school') {
    const st = await unitState(ds, units, unit, quarter);
    const filed = submittedValues(st);
    return { rows: [{ rowLabel: '市直单位', values: filed ?? new Map() }], coverage: filed ? [] : ['报送情况：本校尚未提交，各栏为「未报」。'], breakdown: [], scope: 'bureau', own: st.submission };
  }
  if (role === 'district') {
    const form = await districtForm(ds, units, unit, quarter);
    const n = form.counted.length + form.pending.length;
    const m = form.counted.length;
    const ownFiled = form.own.submission?.status === 'submitted';
    const pendingNames = form.pending.map((p) => p.unit.name).join('、');
    const coverage = [
      `报送情况：所属学校应报 ${n}、已报 ${m}（已报 ${m}/${n}），学校填报的栏目只合计已报学校${pendingNames ? `，未报：${pendingNames}` : ''}；${rowLabelOf(unit)}本级栏目${ownFiled ? '已提交' : '尚未提交，为「未报」'}。`,
    ];
    const breakdown = [
      ...form.counted.map((c) => ({ area: rowLabelOf(unit), school: c.unit.name, values: c.values as ReadonlyMap<string, number> | null })),
      ...form.pending.map((p) => ({ area: rowLabelOf(unit), school: p.unit.name, values: null })),
    ].sort((a, b) => a.school.localeCompare(b.school, 'zh'));
    return { rows: [{ rowLabel: '县（市、区）', values: districtRowValues(form) }], coverage, breakdown, scope: 'bureau', own: form.own.submission };
  }
  const { districts, cityRunSchools } = cityFilers(units);
  const cityRun = await Promise.all(cityRunSchools.map((u) => unitState(ds, units, u, quarter)));
  const filedCityRun = cityRun.filter((s) => submittedValues(s));
  const rows: UnitRow[] = [{ rowLabel: '市直单位', values: filedCityRun.length ? sumValues(filedCityRun.map((s) => s.values)) : new Map() }];
  const breakdown: BreakdownRow[] = cityRun.map((s) => ({ area: '市直单位', school: s.unit.name, values: submittedValues(s) }));
  let filedDistricts = 0;
  for (const d of districts) {
    const form = await districtForm(ds, units, d, quarter);
    const filed = form.own.submission?.status === 'submitted';
    if (filed) filedDistricts++;
    rows.push({ rowLabel: `县（市、区）：${rowLabelOf(d)}`, values: filed ? districtRowValues(form) : new Map() });
    breakdown.push(...form.counted.map((c) => ({ area: rowLabelOf(d), school: c.unit.name, values: c.values as ReadonlyMap<string, number> | null })));
    breakdown.push(...form.pending.map((p) => ({ area: rowLabelOf(d), school: p.unit.name, values: null })));
  }
  const coverage = [
    `报送情况：市直单位（市属学校）应报 ${cityRun.length}、已报 ${filedCityRun.length}，市直单位一行只合计已报学校；县（市、区）应报 ${districts.length}、已报 ${filedDistricts}，未报的县（市、区）整行为「未报」。`,
  ];
  return { rows, coverage, breakdown, scope: 'bureau', own: null };
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
