import { In } from 'typeorm';
import { HazardEntity, type Hazard, type HazardStatus } from '../../../entities/hazard.entity';
import { HazardEventEntity } from '../../../entities/hazard-event.entity';
import { SupervisionEntity } from '../../../entities/supervision.entity';
import { isMysql, Room, type Db } from './base';

/**
 * The reads behind plain-word questions (src/services/ask): which hazards a filter selects, counted, grouped,
 * bucketed or picked, always inside the unit ids the caller passes (the asker's scope, already decided).
 */

/** A person as leaders name them: the full name, or a surname with a title (李老师 → 李…). */
export interface NameMatch {
  exact: string;
  /** Matches any name starting with it (the surname of 李老师); null = the exact name only. */
  prefix: string | null;
}

export interface LedgerFilter {
  /** null = the whole city; [] = nothing. */
  unitIds: number[] | null;
  area: string | null;
  risk: string | null;
  major: boolean;
  /** null = every state but rejected. */
  statuses: HazardStatus[] | null;
  /** Past the deadline at this time and not yet handed in for verification. */
  overdueAt: number | null;
  range: { column: 'created_at' | 'closed_at'; from: number; to: number } | null;
  /** Checklist item codes (item_code IN …); null = any item. */
  itemCodes: string[] | null;
  reporter: NameMatch | null;
  responsible: NameMatch | null;
}

export type LedgerRow = Pick<Hazard, 'id' | 'code' | 'unitId' | 'risk' | 'status' | 'major' | 'area' | 'deadlineAt' | 'createdAt' | 'responsibleName'>;

export interface ProgressRow extends Pick<Hazard, 'id' | 'code' | 'unitId' | 'status' | 'risk' | 'major' | 'deadlineAt' | 'responsibleName'> {
  lastStep: { at: number; action: string; actor: string } | null;
  /** 五落实 filled, of 5; null when not under 挂牌督办. */
  fiveDone: number | null;
}

const OPEN: HazardStatus[] = ['pending', 'rectifying', 'verifying'];
const GROUP_COLUMNS = { unit_id: 'unit_id', area: 'area', risk: 'risk' } as const;
export type GroupColumn = keyof typeof GROUP_COLUMNS;
/** Above this many units a period is read through a time-first covering index (see source()). */
const BIG_SCOPE = 150;
const num = (v: unknown) => Number(v ?? 0);
/** LIKE with '!' as the escape character: a backslash means different things to the two engines. */
const likeEscape = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

interface Built {
  from: string;
  sql: string;
  params: unknown[];
}

export class AskRepository extends Room {
  /**
   * Which table source a filter reads. Both planners pick the unit-first index of 0005 for a long IN list and then
   * visit every row for the other filters; for a city or a 600-school district over a period the time-first covering
   * indexes of 0013 count from the index alone. A small scope reads its few rows faster through the unit index.
   */
  private source(f: LedgerFilter): string {
    const big = f.unitIds === null || f.unitIds.length > BIG_SCOPE;
    const hint = (index: string) => (isMysql(this.db) ? `hazard FORCE INDEX (${index})` : `hazard INDEXED BY ${index}`);
    // A school or a small district reads its own few rows faster through the unit-first index.
    if (!big) return 'hazard';
    // One item or one person across a city: the few rows of that item or name (migration 0015). Left to itself
    // MariaDB walked a whole year of the time index for 「校车交通方面今年有多少重大隐患」 (5–6 s).
    if (f.itemCodes) return hint('ix_hazard_ask_item');
    if (f.reporter) return hint('ix_hazard_ask_reporter');
    if (f.responsible) return hint('ix_hazard_ask_responsible');
    const column = f.range?.column;
    if (!column) return 'hazard';
    // One area of a period: the area-first covering indexes of 0015 read only that area's stretch.
    if (f.area) return hint(column === 'closed_at' ? 'ix_hazard_ask_area_closed' : 'ix_hazard_ask_area_created');
    return hint(column === 'closed_at' ? 'ix_hazard_ask_closed' : 'ix_hazard_ask_created');
  }

  private build(f: LedgerFilter): Built {
    const parts: string[] = [];
    const params: unknown[] = [];
    const inList = (column: string, values: unknown[]) => {
      parts.push(`${column} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    };
    if (f.unitIds !== null) {
      if (!f.unitIds.length) parts.push('1 = 0');
      else inList('unit_id', f.unitIds);
    }
    if (f.area) parts.push('area = ?'), params.push(f.area);
    if (f.risk) parts.push('risk = ?'), params.push(f.risk);
    if (f.major) parts.push('major = 1');
    if (f.statuses) inList('status', f.statuses);
    else parts.push(`status <> 'rejected'`);
    if (f.overdueAt !== null) parts.push(`status IN ('pending','rectifying') AND deadline_at < ?`), params.push(f.overdueAt);
    if (f.range) {
      parts.push(`${f.range.column} >= ? AND ${f.range.column} < ?`);
      params.push(f.range.from, f.range.to);
    }
    if (f.itemCodes) {
      if (!f.itemCodes.length) parts.push('1 = 0');
      else inList('item_code', f.itemCodes);
    }
    for (const [column, m] of [['reporter_name', f.reporter], ['responsible_name', f.responsible]] as const) {
      if (!m) continue;
      if (m.prefix) parts.push(`(${column} = ? OR ${column} LIKE ? ESCAPE '!')`), params.push(m.exact, `${likeEscape(m.prefix)}%`);
      else parts.push(`${column} = ?`), params.push(m.exact);
    }
    return { from: this.source(f), sql: parts.join(' AND ') || '1 = 1', params };
  }

  /** Every hazard in the ledger (the benchmark's headline). */
  async total(): Promise<number> {
    return this.repo(HazardEntity).count();
  }

  // Aggregates below are raw SQL: index hints and SUM(CASE …) per bucket are not expressible in the query builder.
  async count(f: LedgerFilter): Promise<number> {
    const w = this.build(f);
    const [row] = await this.em.query(`SELECT COUNT(*) AS n FROM ${w.from} WHERE ${w.sql}`, w.params);
    return num(row?.n);
  }

  /** How many, how many red, how many overdue at `now`: one pass. */
  async summary(f: LedgerFilter, now: number): Promise<{ n: number; red: number; overdue: number }> {
    const w = this.build(f);
    // Closed (or rejected) hazards are never overdue: no deadline to read, and the closure index of 0013 has none, so
    // asking would visit every row of a city's year of closures (1.75 s on MariaDB).
    const canBeLate = !f.statuses || f.statuses.some((s) => s === 'pending' || s === 'rectifying');
    const late = canBeLate ? `SUM(CASE WHEN status IN ('pending','rectifying') AND deadline_at < ? THEN 1 ELSE 0 END)` : '0';
    const [row] = await this.em.query(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN risk = 'red' THEN 1 ELSE 0 END) AS red, ${late} AS late FROM ${w.from} WHERE ${w.sql}`,
      canBeLate ? [now, ...w.params] : w.params,
    );
    return { n: num(row?.n), red: num(row?.red), overdue: num(row?.late) };
  }

  /** Counts per value of one column. */
  async countBy(f: LedgerFilter, column: GroupColumn): Promise<Map<string, number>> {
    const w = this.build(f);
    const c = GROUP_COLUMNS[column];
    const rows: any[] = await this.em.query(`SELECT ${c} AS k, COUNT(*) AS n FROM ${w.from} WHERE ${w.sql} GROUP BY ${c}`, w.params);
    return new Map(rows.map((r) => [String(r.k), num(r.n)]));
  }

  /**
   * Counts per time bucket of one column. When the filter's period is on that column, one range COUNT per bucket:
   * each reads only its stretch of the time index, which costs less than testing every row of the year against every
   * bucket (measured on MariaDB, a city year: 0.35–0.55 s against 0.64–0.86 s at load 12). Otherwise one pass with a
   * SUM per bucket.
   */
  async countByBucket(f: LedgerFilter, column: 'created_at' | 'closed_at', bounds: { from: number; to: number }[]): Promise<number[]> {
    if (!bounds.length) return [];
    const c = column === 'closed_at' ? 'closed_at' : 'created_at';
    if (f.range && f.range.column === c) {
      const r = f.range;
      const out: number[] = [];
      for (const b of bounds) {
        const from = Math.max(b.from, r.from);
        const to = Math.min(b.to, r.to);
        out.push(from < to ? await this.count({ ...f, range: { column: c, from, to } }) : 0);
      }
      return out;
    }
    const w = this.build(f);
    const sums = bounds.map((_, i) => `SUM(CASE WHEN ${c} >= ? AND ${c} < ? THEN 1 ELSE 0 END) AS b${i}`);
    const [row] = await this.em.query(`SELECT ${sums.join(', ')} FROM ${w.from} WHERE ${w.sql}`, [...bounds.flatMap((b) => [b.from, b.to]), ...w.params]);
    return bounds.map((_, i) => num(row?.[`b${i}`]));
  }

  /** Closures: how many and the sum of hours, overall or per group. */
  async closeTimes(f: LedgerFilter, by: GroupColumn | null): Promise<{ key: string; n: number; hours: number }[]> {
    const w = this.build(f);
    const c = by ? GROUP_COLUMNS[by] : null;
    const rows: any[] = await this.em.query(
      `SELECT ${c ? `${c} AS k` : `'all' AS k`}, COUNT(*) AS n, SUM(closed_at - created_at) AS total FROM ${w.from} WHERE ${w.sql}${c ? ` GROUP BY ${c}` : ''}`,
      w.params,
    );
    return rows.filter((r) => num(r.n) > 0).map((r) => ({ key: String(r.k), n: num(r.n), hours: num(r.total) / 3_600_000 }));
  }

  /**
   * The hazards behind a number, most severe and newest first. The ids are chosen from the index alone (one read per
   * colour, each walking the time index backwards and stopping at the cap), then only those rows are read: a
   * city-wide year matches most of the ledger, and reading it to show ten would not do.
   */
  async rows(f: LedgerFilter, limit: number): Promise<LedgerRow[]> {
    const cap = Math.max(1, Math.min(500, Math.floor(limit)));
    const ids: number[] = [];
    const risks = f.risk ? [f.risk] : ['red', 'orange', 'yellow', 'blue'];
    for (const risk of risks) {
      if (ids.length >= cap) break;
      const w = this.build({ ...f, risk });
      // Open items (no period) are found through the status index and sorted; "+ 0" keeps MariaDB from walking the
      // whole time index backwards looking for a rare match because of the LIMIT. Within a period: the time index's
      // own order, nothing else (an id tiebreak is not in that index's order and sorted a city's whole year, 4 times).
      const order = f.range && !f.itemCodes && !f.reporter && !f.responsible ? `${f.range.column} DESC` : f.range ? `${f.range.column} DESC, id DESC` : 'created_at + 0 DESC, id DESC';
      const rows: any[] = await this.em.query(`SELECT id FROM ${w.from} WHERE ${w.sql} ORDER BY ${order} LIMIT ?`, [...w.params, cap - ids.length]);
      ids.push(...rows.map((r) => num(r.id)));
    }
    if (!ids.length) return [];
    const found = await this.repo(HazardEntity).find({
      where: { id: In(ids) },
      select: { id: true, code: true, unitId: true, risk: true, status: true, major: true, area: true, deadlineAt: true, createdAt: true, responsibleName: true },
    });
    const order = new Map(ids.map((id, i) => [id, i]));
    return found.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  /** Each matching hazard's state, last step and 五落实: open ones first, then the most recent. */
  async progress(f: LedgerFilter, limit = 5): Promise<ProgressRow[]> {
    const w = this.build(f);
    const picked: any[] = await this.em.query(
      `SELECT id FROM hazard WHERE ${w.sql}
       ORDER BY CASE WHEN status IN ('pending','rectifying','verifying') THEN 0 ELSE 1 END, major DESC, created_at DESC, id DESC LIMIT ?`,
      [...w.params, Math.max(1, Math.min(50, Math.floor(limit)))],
    );
    const ids = picked.map((r) => num(r.id));
    if (!ids.length) return [];
    const [hazards, events, sups] = await Promise.all([
      this.repo(HazardEntity).find({ where: { id: In(ids) }, select: { id: true, code: true, unitId: true, status: true, risk: true, major: true, deadlineAt: true, responsibleName: true } }),
      this.repo(HazardEventEntity).find({ where: { hazardId: In(ids) }, order: { at: 'DESC', id: 'DESC' } }),
      this.repo(SupervisionEntity).find({ where: { hazardId: In(ids) } }),
    ]);
    const byId = new Map(hazards.map((h) => [h.id, h]));
    return ids.map((id) => byId.get(id)!).filter(Boolean).map((h) => {
      const e = events.find((x) => x.hazardId === h.id);
      const s = sups.find((x) => x.hazardId === h.id);
      return {
        ...h,
        lastStep: e ? { at: e.at, action: e.action, actor: e.actorName } : null,
        fiveDone: s ? [s.measures, s.owner, s.funds, s.timeLimit, s.plan].filter((v) => v !== null && String(v).trim() !== '').length : null,
      };
    });
  }
}

export const OPEN_STATUSES = OPEN;
export const askLedger = (db: Db) => new AskRepository(db);
