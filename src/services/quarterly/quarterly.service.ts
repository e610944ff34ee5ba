// The /季报 flows: enter values, take the ledger's proposals, submit (and mark the deadline filed), withdraw.
import type { DataSource } from 'typeorm';
import type { Member } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import type { Db } from '../../db/repositories/base';
import { owes } from '../deadlines/audience';
import { markFiled, undoFiling } from '../deadlines/filings';
import { loadCalendar } from '../deadlines/store';
import { UserError } from '../errors';
import type { UnitDirectory } from '../org/units';
import { cellsSuppliedBy, parseAssignments, type FilerRole, type ParsedValue } from './fields.js';
import { calendarFiler, filerRoleOf, isOwnAdmin, isParentAdmin } from './filer';
import { proposals, type Proposals } from './ledger';
import { districtForm, type DistrictForm } from './overview';
import { currentFiling, dueEnd, filingOf, quarterBounds, quarterFilingsFor, quarterOf, shiftQuarter, type Quarter, type QuarterFiling } from './period';
import { Q } from './replies';
import { LockedError, RejectedValuesError, ensureSubmission, getSubmission, loadValues, lockSubmission, unlockSubmission, writeValues, type Change, type Submission, type ValueSource } from './store';
import { validatePartial, validateSubmission } from './validate.js';

export interface Deps {
  ds: DataSource;
  units: UnitDirectory;
}

/** Who acts, as the audit log and the history name them. */
export interface Acting {
  member: Member;
  by: string;
  sourceMsg?: string;
}

export function roleOrRefuse(units: UnitDirectory, unit: Unit): FilerRole {
  const role = filerRoleOf(units, unit);
  if (!role) throw new UserError(Q.cityFilesNothing);
  return role;
}

/**
 * The quarter being filed (or the one asked for), with its deadline from the calendar table. `rollForward: false`
 * keeps a submitted past quarter in view (withdrawing it is about that quarter, not the next).
 */
export async function filingFor(ds: DataSource, unit: Unit, asked: Quarter | undefined, now: number, rollForward = true): Promise<QuarterFiling> {
  const calendar = await loadCalendar(ds);
  if (asked) {
    if (quarterBounds(asked).start > now) throw new UserError(Q.notStarted(asked));
    return filingOf(calendar, asked);
  }
  const here = quarterOf(now);
  const submitted = new Set<Quarter>();
  if (rollForward) for (const q of [shiftQuarter(here, -1), here]) if ((await getSubmission(ds, unit.id, q))?.status === 'submitted') submitted.add(q);
  return currentFiling(calendar, now, (q) => submitted.has(q));
}

/**
 * A unit's own administrators edit its draft; the bureau above may correct it only after withdrawing it
 * (the figures are the school's, the district steps in to fix a mistake, not to fill for it).
 */
function assertMayEdit(units: UnitDirectory, m: Member, unit: Unit, s: Submission | null, f: QuarterFiling, now: number): void {
  const own = isOwnAdmin(m, unit);
  const parent = isParentAdmin(units, m, unit);
  if (!own && !parent) throw new UserError(Q.mayNotFill(unit, m.role));
  if (s?.status === 'submitted') throw new UserError(Q.locked(unit, s, f, parent ? 'parent' : now < dueEnd(f) ? 'self' : 'late'));
  if (!own && !s?.withdrawnAt) throw new UserError(Q.parentOnlyAfterWithdrawal(unit));
}

export interface SetResult {
  parsed: ParsedValue[];
  changes: Change[];
  values: Map<string, number>;
}

async function write(deps: Deps, unit: Unit, a: Acting, f: QuarterFiling, values: Map<string, number>, source: ValueSource, now: number): Promise<SetResult & { submission: Submission }> {
  const existing = await getSubmission(deps.ds, unit.id, f.quarter);
  assertMayEdit(deps.units, a.member, unit, existing, f, now);
  const submission = existing ?? (await ensureSubmission(deps.ds, unit.id, f.quarter, now));
  let changes: Change[];
  try {
    changes = await writeValues(deps.ds, {
      submission, values, source, now, sourceMsg: a.sourceMsg, actor: { by: a.by, name: a.member.name },
      check: (merged) => validatePartial(merged, { role: filerRoleOf(deps.units, unit) ?? undefined }).map((e) => e.message),
    });
  } catch (err) {
    if (err instanceof RejectedValuesError) throw new UserError(Q.rejected(err.problems));
    if (err instanceof LockedError) throw new UserError(Q.changedMeanwhile);
    throw err;
  }
  return { parsed: [], changes, values: await loadValues(deps.ds, submission.id), submission };
}

/** `/季报 自查隐患数量=12 …`: every token must parse, or nothing is stored. */
export async function setValues(deps: Deps, unit: Unit, a: Acting, f: QuarterFiling, text: string, now: number): Promise<SetResult> {
  const role = roleOrRefuse(deps.units, unit);
  assertMayEdit(deps.units, a.member, unit, await getSubmission(deps.ds, unit.id, f.quarter), f, now);
  const parsed = parseAssignments(text, { role });
  if (parsed.errors.length) throw new UserError(Q.badTokens(parsed.errors));
  const res = await write(deps, unit, a, f, new Map(parsed.values.map((v) => [v.cell, v.value])), 'chat', now);
  return { ...res, parsed: [...parsed.values] };
}

/** Schools whose hazards the unit's proposals count. */
export function ledgerScope(units: UnitDirectory, unit: Unit): number[] {
  return [...new Set([unit.id, ...units.schoolsUnder(unit).map((u) => u.id)])];
}

export async function proposalsFor(deps: Deps, unit: Unit, f: QuarterFiling, now: number): Promise<Proposals> {
  return proposals(deps.ds, roleOrRefuse(deps.units, unit), ledgerScope(deps.units, unit), f.quarter, now);
}

/** `/季报 采用建议`: the ledger's figures, through the same checks and history as typed values. */
export async function adoptProposals(deps: Deps, unit: Unit, a: Acting, f: QuarterFiling, now: number): Promise<SetResult & { proposals: Proposals }> {
  assertMayEdit(deps.units, a.member, unit, await getSubmission(deps.ds, unit.id, f.quarter), f, now);
  const p = await proposalsFor(deps, unit, f, now);
  if (!p.values.size) throw new UserError(Q.noProposals);
  return { ...(await write(deps, unit, a, f, p.values, 'proposal', now)), proposals: p };
}

/** `/季报 其余填0`: the form says 0 where there is nothing ("表格不应有空白处，若无则应填写0"). */
export async function fillZeros(deps: Deps, unit: Unit, a: Acting, f: QuarterFiling, now: number): Promise<SetResult> {
  const role = roleOrRefuse(deps.units, unit);
  const s = await getSubmission(deps.ds, unit.id, f.quarter);
  assertMayEdit(deps.units, a.member, unit, s, f, now);
  const current = s ? await loadValues(deps.ds, s.id) : new Map<string, number>();
  const blanks = new Map(cellsSuppliedBy(role).filter((c) => !current.has(c.id)).map((c) => [c.id, 0]));
  if (!blanks.size) throw new UserError(Q.nothingBlank);
  return write(deps, unit, a, f, blanks, 'zero-fill', now);
}

export interface SubmitResult {
  submission: Submission;
  already: boolean;
  /** The calendar deadline was marked filed for this unit. */
  filed: boolean;
  district?: DistrictForm;
}

/** Checks no cell of the role is blank and every cross-check holds, then locks and marks the deadline filed. */
export async function submit(deps: Deps, unit: Unit, a: Acting, f: QuarterFiling, now: number): Promise<SubmitResult> {
  const role = roleOrRefuse(deps.units, unit);
  const own = isOwnAdmin(a.member, unit);
  if (!own && !isParentAdmin(deps.units, a.member, unit)) throw new UserError(Q.mayNotFill(unit, a.member.role));
  const s = await getSubmission(deps.ds, unit.id, f.quarter);
  if (s?.status === 'submitted') return { submission: s, already: true, filed: false };
  // The bureau above resubmits only what it withdrew and corrected; a school's own draft is the school's to submit.
  if (!own && !s?.withdrawnAt) throw new UserError(Q.parentOnlyAfterWithdrawal(unit));
  const values = s ? await loadValues(deps.ds, s.id) : new Map<string, number>();
  let district: DistrictForm | undefined;
  const problems = validateSubmission(values, { role }).map((e) => e.message);
  if (role === 'district') {
    // Blanks are the district's own cells; the cross-checks run on the whole form, schools added in.
    district = await districtForm(deps.ds, deps.units, unit, f.quarter);
    problems.push(...validatePartial(district.values).map((e) => e.message).filter((m) => !problems.includes(m)));
  }
  if (problems.length || !s) throw new UserError(Q.notSubmitted(problems));
  const calendar = await loadCalendar(deps.ds);
  const filings = quarterFilingsFor(calendar, f.quarter, (d) => owes(d, calendarFiler(role)));
  const files = filings.length > 0;
  const ok = await lockSubmission(deps.ds, s, { by: a.by, name: a.member.name }, now, async (tx: Db) => {
    for (const x of filings) await markFiled(tx, { unitId: unit.id, deadlineKey: x.deadlineKey, occurrence: x.due, by: `quarterly:${s.id}`, now });
  });
  if (!ok) throw new UserError(Q.changedMeanwhile);
  return { submission: (await getSubmission(deps.ds, unit.id, f.quarter))!, already: false, filed: files, district };
}

/** Before the deadline the unit itself may withdraw; afterwards only the bureau above (a district for its schools). */
export async function withdraw(deps: Deps, unit: Unit, a: Acting, f: QuarterFiling, now: number): Promise<Submission> {
  roleOrRefuse(deps.units, unit);
  const s = await getSubmission(deps.ds, unit.id, f.quarter);
  if (!s || s.status !== 'submitted') throw new UserError(Q.notYetSubmitted(unit, f.quarter));
  const own = isOwnAdmin(a.member, unit);
  const parent = isParentAdmin(deps.units, a.member, unit);
  if (!parent && !(own && now < dueEnd(f))) throw new UserError(own ? Q.tooLateToWithdraw(unit, f, deps.units.parent(unit)) : Q.mayNotFill(unit, a.member.role));
  const role = filerRoleOf(deps.units, unit);
  const filings = role ? quarterFilingsFor(await loadCalendar(deps.ds), f.quarter, (d) => owes(d, calendarFiler(role))) : [];
  const ok = await unlockSubmission(deps.ds, s, { by: a.by, name: a.member.name }, now, async (tx: Db) => {
    for (const x of filings) await undoFiling(tx, { unitId: unit.id, deadlineKey: x.deadlineKey, occurrence: x.due, by: a.by, now });
  });
  if (!ok) throw new UserError(Q.notYetSubmitted(unit, f.quarter));
  return (await getSubmission(deps.ds, unit.id, f.quarter))!;
}
