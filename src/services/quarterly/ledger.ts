// What the hazard ledger says about a quarter, as proposals for the cells that name a ledger value.
// Rejected reports are not hazards and never count. Counts run to the end of the quarter (or now, if earlier).
import type { Db } from '../../db/repositories/base';
import { ledger } from '../../db/repositories/ledger.repository';
import { cellsSuppliedBy } from './fields.js';
import { periodStart, quarterBounds, quarterParts, type Quarter } from './period';
import type { CellRef, FilerRole, LedgerValue } from './fields.js';

export type Colour = 'red' | 'orange' | 'yellow' | 'blue';
export const COLOURS: readonly Colour[] = ['red', 'orange', 'yellow', 'blue'];

export interface RiskPicture {
  /** Hazards still open at the end of the quarter, by colour. */
  open: Record<Colour, number>;
  /** Schools by their overall colour: the highest colour among their open hazards, 蓝 when none is open. */
  schools: Record<Colour, number>;
  schoolCount: number;
}

const zero = (): Record<Colour, number> => ({ red: 0, orange: 0, yellow: 0, blue: 0 });

/**
 * Hazards recorded in [from, end) and, of those, rectified by `end`. Rectified means closed (验收通过、销号): an item
 * 待验收 may still fail its check, so it is not counted.
 */
async function hazardCounts(db: Db, ids: readonly number[], from: number, end: number): Promise<{ found: number; rectified: number }> {
  const { found, closed } = await ledger(db).foundAndClosed(ids, from, end);
  return { found, rectified: closed };
}

/**
 * What the ledger really measures. 四色 is a whole-unit risk assessment (附件3 note 9, §三(五)1), not the colour of
 * the worst open hazard, and 内部报告 is a count of reports made through the school's internal reward scheme, which
 * the ledger cannot tell from its own 自查 entries: both are asked, never proposed.
 */
export const PROPOSED_FROM_LEDGER: readonly LedgerValue[] = ['hazards_found', 'hazards_rectified', 'major_hazard_schools', 'major_hazards', 'major_hazards_rectified'];

/**
 * 四色 is an overall rating of each school (seed, 附件3 note 9), so a school counts once, under the highest
 * colour of the hazards it still has open at the end of the quarter; a school with none open is 蓝 (低风险).
 */
export async function riskPicture(db: Db, schoolIds: readonly number[], end: number): Promise<RiskPicture> {
  const open = zero();
  const schools = zero();
  if (!schoolIds.length) return { open, schools, schoolCount: 0 };
  const rows = await ledger(db).openAt(schoolIds, end);
  const top = new Map<number, Colour>(schoolIds.map((id) => [id, 'blue']));
  for (const r of rows) {
    const c = r.risk as Colour;
    if (!COLOURS.includes(c)) continue;
    open[c] += r.n;
    const id = r.unitId;
    if (COLOURS.indexOf(c) < COLOURS.indexOf(top.get(id)!)) top.set(id, c);
  }
  for (const c of top.values()) schools[c] += 1;
  return { open, schools, schoolCount: schoolIds.length };
}

/** 重大隐患挂牌督办 opened in [from, end): schools concerned, hazards, and those rectified by `end`. */
async function majorCounts(db: Db, ids: readonly number[], from: number, end: number): Promise<{ schools: number; hazards: number; rectified: number }> {
  const rows = await ledger(db).supervisionsOpened(ids, from, end);
  const done = (v: number | null) => v !== null && v < end;
  return {
    schools: new Set(rows.map((r) => r.unitId)).size,
    hazards: rows.length,
    rectified: rows.filter((r) => done(r.closedAt) || done(r.supervisionClosedAt)).length,
  };
}

export interface Proposals {
  /** Cell id → value, for the cells this role enters that the ledger can fill. */
  values: Map<string, number>;
  risk: RiskPicture;
  /** Where the counts stop. */
  asOf: number;
}

/** Proposals for one filer: `schoolIds` are the schools whose hazards count (the school itself, or a district's). */
export async function proposals(db: Db, role: FilerRole, schoolIds: readonly number[], quarter: Quarter, now: number): Promise<Proposals> {
  const end = Math.min(quarterBounds(quarter).end, now);
  const cells = cellsSuppliedBy(role).filter((c) => c.field.ledger && PROPOSED_FROM_LEDGER.includes(c.field.ledger));
  const risk = await riskPicture(db, role === 'district' ? [] : schoolIds, end);
  const values = new Map<string, number>();
  if (!schoolIds.length) return { values, risk, asOf: end };
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, f: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, f());
    return cache.get(key) as Promise<T>;
  };
  const valueOf = async (cell: CellRef, what: LedgerValue): Promise<number> => {
    const from = periodStart(cell.field.period, quarterParts(quarter).year) ?? 0;
    if (what === 'hazards_found' || what === 'hazards_reported') return (await once(`h${from}`, () => hazardCounts(db, schoolIds, from, end))).found;
    if (what === 'hazards_rectified') return (await once(`h${from}`, () => hazardCounts(db, schoolIds, from, end))).rectified;
    if (what === 'risk_rated') return risk.schoolCount;
    if (what.startsWith('risk_')) return risk.schools[what.slice(5) as Colour];
    const major = await once(`m${from}`, () => majorCounts(db, schoolIds, from, end));
    return what === 'major_hazard_schools' ? major.schools : what === 'major_hazards' ? major.hazards : major.rectified;
  };
  for (const cell of cells) values.set(cell.id, await valueOf(cell, cell.field.ledger!));
  return { values, risk, asOf: end };
}
