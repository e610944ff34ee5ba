// The summary's reads of the hazard ledger, and the little else /进度 and the Monday digest read or write
// (the /目标 counts, the stored chart, the groups that get the digest, the digests already queued).
// Raw SQL here: GROUP BY / SUM(CASE …) / UNION ALL aggregates the query builder cannot say as plainly, each answered
// from a covering index of migration 0005, so a city-wide year costs index range scans, never a transfer of rows.
import { In, IsNull, Not } from 'typeorm';
import type { Hazard } from '../../../entities/hazard.entity';
import { ChatGroupEntity, type ChatGroup } from '../../../entities/chat-group.entity';
import { MediaEntity } from '../../../entities/media.entity';
import { OutboxMessageEntity } from '../../../entities/outbox-message.entity';
import { UnitTargetEntity, type UnitTarget } from '../../../entities/unit-target.entity';
import { isMysql, Room, type Db } from './base';

/** Hazards of these units only; null = every unit (the city: one city per database). */
export type UnitFilter = number[] | null;

type RiskColour = Hazard['risk'];

export interface OpenRow {
  unitId: number;
  risk: RiskColour;
  open: number;
  overdue: number;
}

const OPEN = `status IN ('pending','rectifying','verifying')`;
const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

/** Longer periods are counted in one pass over the unit-first index instead of two range scans. */
export const LONG_PERIOD_MS = 40 * 24 * HOUR_MS;

/** Above this many closures the median is taken from a 1-in-k sample by id (see closeHoursHistogram). */
export const MEDIAN_SAMPLE = 20_000;

function lit(n: number): string {
  // Inlined rather than bound: better-sqlite3 binds JS numbers as REAL, which would turn `/` into float division.
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
}

function unitWhere(units: UnitFilter, column = 'unit_id'): { sql: string; params: number[] } {
  if (units === null) return { sql: '', params: [] };
  if (!units.length) return { sql: ' AND 1 = 0', params: [] };
  return { sql: ` AND ${column} IN (${units.map(() => '?').join(',')})`, params: units };
}

const num = (v: unknown) => Number(v ?? 0);

export class SummaryRepository extends Room {
  private rows(sql: string, params: unknown[]): Promise<any[]> {
    return this.em.query(sql, params);
  }

  private idiv(expr: string, divisor: number): string {
    return isMysql(this.db) ? `(${expr}) DIV ${lit(divisor)}` : `(${expr}) / ${lit(divisor)}`;
  }

  /**
   * Hazards reported (rejected reports are not hazards) and closed (销号) in [from, to), per unit. Short periods: two
   * range scans over the time indexes. Long ones (a quarter, a year: most of the ledger) one pass over the
   * unit-first index counting both, which on either database costs about what one of the range scans would.
   */
  async periodCountsByUnit(units: UnitFilter, from: number, to: number): Promise<{ reported: Map<number, number>; closed: Map<number, number> }> {
    if (to - from <= LONG_PERIOD_MS) {
      const [reported, closed] = await Promise.all([this.reportedByUnit(units, from, to), this.closedByUnit(units, from, to)]);
      return { reported, closed };
    }
    const u = unitWhere(units);
    const rows = await this.rows(
      `SELECT unit_id, SUM(CASE WHEN created_at >= ? AND created_at < ? AND status <> 'rejected' THEN 1 ELSE 0 END) AS r,
              SUM(CASE WHEN closed_at >= ? AND closed_at < ? THEN 1 ELSE 0 END) AS c
       FROM hazard WHERE (created_at >= ? OR closed_at >= ?)${u.sql} GROUP BY unit_id`,
      [from, to, from, to, from, from, ...u.params],
    );
    const reported = new Map<number, number>();
    const closed = new Map<number, number>();
    for (const r of rows) {
      if (num(r.r)) reported.set(num(r.unit_id), num(r.r));
      if (num(r.c)) closed.set(num(r.unit_id), num(r.c));
    }
    return { reported, closed };
  }

  /** Hazards reported in [from, to) per unit (rejected reports are not hazards). */
  async reportedByUnit(units: UnitFilter, from: number, to: number): Promise<Map<number, number>> {
    const u = unitWhere(units);
    const rows = await this.rows(
      `SELECT unit_id, COUNT(*) AS n FROM hazard WHERE created_at >= ? AND created_at < ? AND status <> 'rejected'${u.sql} GROUP BY unit_id`,
      [from, to, ...u.params],
    );
    return new Map(rows.map((r) => [num(r.unit_id), num(r.n)]));
  }

  /** Hazards closed (销号) in [from, to) per unit; closed_at is only ever set by a passed verification. */
  async closedByUnit(units: UnitFilter, from: number, to: number): Promise<Map<number, number>> {
    const u = unitWhere(units);
    const rows = await this.rows(`SELECT unit_id, COUNT(*) AS n FROM hazard WHERE closed_at >= ? AND closed_at < ?${u.sql} GROUP BY unit_id`, [
      from, to, ...u.params,
    ]);
    return new Map(rows.map((r) => [num(r.unit_id), num(r.n)]));
  }

  /** Open hazards now, per unit and colour; overdue = past the deadline and not yet handed in for verification. */
  async openByUnit(units: UnitFilter, now: number): Promise<OpenRow[]> {
    const u = unitWhere(units);
    const rows = await this.rows(
      `SELECT unit_id, risk, COUNT(*) AS n, SUM(CASE WHEN status <> 'verifying' AND deadline_at < ? THEN 1 ELSE 0 END) AS overdue
       FROM hazard WHERE ${OPEN}${u.sql} GROUP BY unit_id, risk`,
      [now, ...u.params],
    );
    return rows.map((r) => ({ unitId: num(r.unit_id), risk: r.risk as RiskColour, open: num(r.n), overdue: num(r.overdue) }));
  }

  /** Open hazards now, per area (of the 12) and colour. */
  async openByArea(units: UnitFilter): Promise<{ area: string; risk: RiskColour; n: number }[]> {
    const u = unitWhere(units);
    const rows = await this.rows(`SELECT area, risk, COUNT(*) AS n FROM hazard WHERE ${OPEN}${u.sql} GROUP BY area, risk`, u.params);
    return rows.map((r) => ({ area: String(r.area), risk: r.risk as RiskColour, n: num(r.n) }));
  }

  /**
   * How long closures in [from, to) took, as a histogram of whole hours: the median comes from at most a few
   * thousand buckets instead of one row per hazard, on both databases (neither has a portable MEDIAN). SQLite
   * sorts every grouped row, so beyond MEDIAN_SAMPLE closures (a city's quarter or year) a deterministic 1-in-k
   * sample by id is grouped instead: at 20,000 samples the median's error is far below the 0.1 day shown.
   */
  async closeHoursHistogram(units: UnitFilter, from: number, to: number, closedCount: number): Promise<[number, number][]> {
    const u = unitWhere(units);
    const every = Math.ceil(closedCount / MEDIAN_SAMPLE);
    const sample = every > 1 ? ` AND id % ${lit(every)} = 0` : '';
    const h = this.idiv('closed_at - created_at', HOUR_MS);
    const rows = await this.rows(`SELECT ${h} AS h, COUNT(*) AS n FROM hazard WHERE closed_at >= ? AND closed_at < ?${sample}${u.sql} GROUP BY ${h}`, [
      from, to, ...u.params,
    ]);
    return rows.map((r) => [num(r.h), num(r.n)] as [number, number]).sort((a, b) => a[0] - b[0]);
  }

  /**
   * Reported and closed per week since `from` (a Monday), index i being the week from + i weeks. One range COUNT per
   * week, glued with UNION ALL into one statement: each part streams over the time index, where a GROUP BY on the
   * week number would sort every row first.
   */
  async weeklyCounts(units: UnitFilter, from: number, to: number, weeks: number): Promise<{ reported: number[]; closed: number[] }> {
    const u = unitWhere(units);
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const [kind, column, extra] of [['r', 'created_at', ` AND status <> 'rejected'`], ['c', 'closed_at', '']] as const) {
      for (let i = 0; i < weeks; i++) {
        parts.push(`SELECT '${kind}' AS k, ${i} AS w, COUNT(*) AS n FROM hazard WHERE ${column} >= ? AND ${column} < ?${extra}${u.sql}`);
        params.push(from + i * WEEK_MS, Math.min(to, from + (i + 1) * WEEK_MS), ...u.params);
      }
    }
    const rows = await this.rows(parts.join(' UNION ALL '), params);
    const out = { reported: new Array<number>(weeks).fill(0), closed: new Array<number>(weeks).fill(0) };
    for (const r of rows) (r.k === 'r' ? out.reported : out.closed)[num(r.w)] = num(r.n);
    return out;
  }

  /** Open 重大事故隐患 under 挂牌督办, oldest first. Driven from `supervision`, which only major hazards have. */
  async openSupervised(units: UnitFilter): Promise<{ code: string; unitId: number }[]> {
    const u = unitWhere(units, 'h.unit_id');
    const rows = await this.rows(
      `SELECT h.code, h.unit_id FROM supervision s JOIN hazard h ON h.id = s.hazard_id
       WHERE s.closed_at IS NULL AND h.major = 1 AND h.status IN ('pending','rectifying','verifying')${u.sql} ORDER BY h.created_at, h.id`,
      u.params,
    );
    return rows.map((r) => ({ code: String(r.code), unitId: num(r.unit_id) }));
  }

  /** The /目标 counts entered for these units in one year. */
  targets(unitIds: number[], year: number): Promise<UnitTarget[]> {
    if (!unitIds.length) return Promise.resolve([]);
    return this.repo(UnitTargetEntity).findBy({ year, unitId: In(unitIds) });
  }

  /** Sets one count, keyed by (unit, metric, year): the first entry inserts the row, later ones overwrite it. */
  async setTarget(t: Omit<UnitTarget, 'id'>): Promise<void> {
    if (await this.insertIgnore(UnitTargetEntity, t)) return;
    await this.repo(UnitTargetEntity).update({ unitId: t.unitId, metric: t.metric, year: t.year }, { value: t.value, updatedAt: t.updatedAt, updatedBy: t.updatedBy });
  }

  /** A stored picture with exactly these bytes for this unit (the oldest), so the same chart is not stored twice. */
  async mediaIdOf(sha256: string, size: number, unitId: number): Promise<number | null> {
    const m = await this.repo(MediaEntity).findOne({ select: { id: true }, where: { sha256, size, unitId }, order: { id: 'ASC' } });
    return m ? m.id : null;
  }

  /** Groups that opted in to the Monday digest (/周报 开启) and are bound to a unit, in id order. */
  digestGroups(): Promise<ChatGroup[]> {
    return this.repo(ChatGroupEntity).find({ where: { digest: true, unitId: Not(IsNull()) }, order: { id: 'ASC' } });
  }

  /** /周报 开启 / 关闭 for one group. */
  async setDigest(groupId: number, on: boolean): Promise<void> {
    await this.repo(ChatGroupEntity).update({ id: groupId }, { digest: on });
  }

  /** Which of these outbox dedupe keys are already queued (any status). */
  async queuedKeys(keys: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.repo(OutboxMessageEntity).find({ select: { dedupeKey: true }, where: { dedupeKey: In(keys.slice(i, i + 500)) } });
      for (const r of rows) out.add(r.dedupeKey);
    }
    return out;
  }
}

export const summary = (db: Db) => new SummaryRepository(db);
