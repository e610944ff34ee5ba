// The ask queries' reads of the hazard ledger: one WHERE built from the query's filters, with the same meanings
// /进度 uses (rejected reports are not hazards; open = 待确认/整改中/待验收; overdue = past the deadline and
// not yet handed in for verification), and aggregates grouped in SQL so a city-wide year never moves rows.
import type { DataSource } from 'typeorm';
import { dialect } from '../../db/data-source';
import type { UnitFilter } from '../summary/queries';
import type { AskQuery } from './query';
import type { Range } from './periods';

const STATUS_SQL: Record<NonNullable<AskQuery['status']>, string> = {
  open: `status IN ('pending','rectifying','verifying')`,
  pending_confirm: `status = 'pending'`,
  rectifying: `status = 'rectifying'`,
  pending_verify: `status = 'verifying'`,
  closed: `status = 'closed'`,
  rejected: `status = 'rejected'`,
};
const OVERDUE_SQL = `status IN ('pending','rectifying') AND deadline_at < ?`;
export const SEVERITY = `CASE risk WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END`;

export interface Where {
  sql: string;
  params: unknown[];
  /** `hazard` with, on SQLite, the covering index of migration 0013 for a period's reads. */
  from: string;
  /** The period's column (created_at, or closed_at for 已销号), null when unbounded. */
  ranged: 'created_at' | 'closed_at' | null;
}

/**
 * Both planners pick the unit-first index of 0005 for a GROUP BY unit_id or a long IN list, then read every row
 * for the other filters; the covering index counts the same from the index alone, several times faster on a
 * city or a 600-school district over a year.
 */
function fromOf(ds: DataSource | null, column: 'created_at' | 'closed_at' | null, units: UnitFilter): string {
  // A school or a small district reads its own few rows faster through the unit-first index.
  if (!ds || !column || (units !== null && units.length <= BIG_SCOPE)) return 'hazard';
  const index = column === 'closed_at' ? 'ix_hazard_ask_closed' : 'ix_hazard_ask_created';
  return dialect(ds) === 'mysql' ? `hazard FORCE INDEX (${index})` : `hazard INDEXED BY ${index}`;
}

/**
 * Which hazards a query counts. A period selects by report time (closures of the period for 已销号); with no
 * period, no status and no 超期 the question is about what is open now (在办).
 */
export function whereOf(q: AskQuery, units: UnitFilter, range: Range | null, now: number, opts: { ignoreStatus?: boolean; ds?: DataSource } = {}): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (units !== null) {
    if (!units.length) parts.push('1 = 0');
    else {
      parts.push(`unit_id IN (${units.map(() => '?').join(',')})`);
      params.push(...units);
    }
  }
  if (q.area) parts.push('area = ?'), params.push(q.area);
  if (q.colour) parts.push('risk = ?'), params.push(q.colour);
  if (q.major) parts.push('major = 1');
  const status = opts.ignoreStatus ? null : q.status;
  if (status) parts.push(STATUS_SQL[status]);
  else parts.push(`status <> 'rejected'`);
  if (q.overdue) parts.push(OVERDUE_SQL), params.push(now);
  let column: 'created_at' | 'closed_at' | null = null;
  if (range) {
    column = status === 'closed' ? 'closed_at' : 'created_at';
    parts.push(`${column} >= ? AND ${column} < ?`);
    params.push(range.from, range.to);
  } else if (!status && !q.overdue) parts.push(STATUS_SQL.open);
  return { sql: parts.join(' AND '), params, from: fromOf(opts.ds ?? null, column, units), ranged: column };
}

const num = (v: unknown) => Number(v ?? 0);
/** Above this many units a period is read through the covering time index (see fromOf). */
const BIG_SCOPE = 150;

export async function countWhere(ds: DataSource, w: Where): Promise<number> {
  const [row] = await ds.query(`SELECT COUNT(*) AS n FROM ${w.from} WHERE ${w.sql}`, w.params);
  return num(row?.n);
}

/** Counts per value of one column (unit_id, area, risk). */
export async function countBy(ds: DataSource, w: Where, column: 'unit_id' | 'area' | 'risk'): Promise<Map<string, number>> {
  const rows: any[] = await ds.query(`SELECT ${column} AS k, COUNT(*) AS n FROM ${w.from} WHERE ${w.sql} GROUP BY ${column}`, w.params);
  return new Map(rows.map((r) => [String(r.k), num(r.n)]));
}

/** Counts per time bucket of one column, in one pass (a SUM per bucket). */
export async function countByBucket(ds: DataSource, w: Where, column: 'created_at' | 'closed_at', bounds: { from: number; to: number }[]): Promise<number[]> {
  if (!bounds.length) return [];
  const sums = bounds.map((_, i) => `SUM(CASE WHEN ${column} >= ? AND ${column} < ? THEN 1 ELSE 0 END) AS b${i}`);
  const [row] = await ds.query(`SELECT ${sums.join(', ')} FROM ${w.from} WHERE ${w.sql}`, [...bounds.flatMap((b) => [b.from, b.to]), ...w.params]);
  return bounds.map((_, i) => num(row?.[`b${i}`]));
}

export interface LedgerRow {
  id: number;
  code: string;
  unitId: number;
  risk: string;
  status: string;
  major: boolean;
  area: string;
  deadlineAt: number;
  createdAt: number;
  responsibleName: string | null;
}

/** How many, how many red, how many overdue: one pass. */
export async function countSummary(ds: DataSource, w: Where, now: number): Promise<{ n: number; red: number; overdue: number }> {
  const [row] = await ds.query(
    `SELECT COUNT(*) AS n, SUM(CASE WHEN risk = 'red' THEN 1 ELSE 0 END) AS red,
            SUM(CASE WHEN status IN ('pending','rectifying') AND deadline_at < ? THEN 1 ELSE 0 END) AS late
     FROM ${w.from} WHERE ${w.sql}`,
    [now, ...w.params],
  );
  return { n: num(row?.n), red: num(row?.red), overdue: num(row?.late) };
}

/**
 * The hazards behind a number, most severe and newest first. The ids are chosen from the index alone, then only
 * those rows are read: a city-wide year matches most of the ledger, and reading it to show ten would not do.
 */
export async function rowsWhere(ds: DataSource, w: Where, limit: number): Promise<LedgerRow[]> {
  const cap = Math.max(1, Math.min(500, Math.floor(limit)));
  // Colour by colour, newest first: each read walks the time index backwards and stops at the cap.
  const ids: number[] = [];
  for (const risk of ['red', 'orange', 'yellow', 'blue']) {
    if (ids.length >= cap) break;
    // Open items (no period) are found through the status index and sorted; "+ 0" keeps MariaDB from walking the
    // whole time index backwards looking for a rare match (seconds on a city) because of the LIMIT.
    // Within a period, newest by the period's own column: the index order, no sort.
    const order = w.ranged ? `${w.ranged} DESC, id DESC` : 'created_at + 0 DESC, id DESC';
    const rows: any[] = await ds.query(`SELECT id FROM ${w.from} WHERE ${w.sql} AND risk = ? ORDER BY ${order} LIMIT ${cap - ids.length}`, [...w.params, risk]);
    ids.push(...rows.map((r) => num(r.id)));
  }
  if (!ids.length) return [];
  const rows: any[] = await ds.query(
    `SELECT id, code, unit_id, risk, status, major, area, deadline_at, created_at, responsible_name FROM hazard WHERE id IN (${ids.map(() => '?').join(',')})`,
    ids,
  );
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(num(a.id))! - order.get(num(b.id))!);
  return rows.map((r) => ({
    id: num(r.id), code: String(r.code), unitId: num(r.unit_id), risk: String(r.risk), status: String(r.status), major: num(r.major) === 1,
    area: String(r.area), deadlineAt: num(r.deadline_at), createdAt: num(r.created_at), responsibleName: r.responsible_name ?? null,
  }));
}

/** Closures in a range: how many, the mean and per-unit sums of hours, the slowest few. */
export async function closeTimes(ds: DataSource, w: Where, by: 'unit_id' | 'area' | 'risk' | null): Promise<{ key: string; n: number; hours: number }[]> {
  const group = by ? `${by} AS k, ` : `'all' AS k, `;
  const rows: any[] = await ds.query(
    `SELECT ${group}COUNT(*) AS n, SUM(closed_at - created_at) AS total FROM ${w.from} WHERE ${w.sql}${by ? ` GROUP BY ${by}` : ''}`,
    w.params,
  );
  return rows.filter((r) => num(r.n) > 0).map((r) => ({ key: String(r.k), n: num(r.n), hours: num(r.total) / 3_600_000 }));
}
