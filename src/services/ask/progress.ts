// 「东海中学的重大隐患整改到哪一步了？」: each matching hazard's state, deadline, responsible person, its last
// step, and for a 重大事故隐患 how many of the 五落实 are filled.
import type { DataSource } from 'typeorm';
import type { Where } from './ledger';

export interface ProgressItem {
  code: string;
  unitId: number;
  status: string;
  risk: string;
  major: boolean;
  overdue: boolean;
  deadlineAt: number;
  responsibleName: string | null;
  lastStep: { at: number; action: string; actor: string } | null;
  /** 五落实 filled, of 5; null when not under 挂牌督办. */
  fiveDone: number | null;
}

const num = (v: unknown) => Number(v ?? 0);

export async function progressAnswer(ds: DataSource, w: Where, now: number, limit = 5): Promise<ProgressItem[]> {
  // Open ones first (what is still moving), then the most recent.
  const rows: any[] = await ds.query(
    `SELECT id, code, unit_id, status, risk, major, deadline_at, responsible_name FROM hazard WHERE ${w.sql}
     ORDER BY CASE WHEN status IN ('pending','rectifying','verifying') THEN 0 ELSE 1 END, major DESC, created_at DESC, id DESC LIMIT ${limit}`,
    w.params,
  );
  if (!rows.length) return [];
  const ids = rows.map((r) => num(r.id));
  const marks = ids.map(() => '?').join(',');
  const events: any[] = await ds.query(`SELECT hazard_id, at, action, actor_name FROM hazard_event WHERE hazard_id IN (${marks}) ORDER BY at DESC, id DESC`, ids);
  const sup: any[] = await ds.query(`SELECT hazard_id, measures, owner, funds, time_limit, plan FROM supervision WHERE hazard_id IN (${marks})`, ids);
  return rows.map((r) => {
    const e = events.find((x) => num(x.hazard_id) === num(r.id));
    const s = sup.find((x) => num(x.hazard_id) === num(r.id));
    const status = String(r.status);
    return {
      code: String(r.code), unitId: num(r.unit_id), status, risk: String(r.risk), major: num(r.major) === 1,
      overdue: (status === 'pending' || status === 'rectifying') && num(r.deadline_at) < now,
      deadlineAt: num(r.deadline_at), responsibleName: r.responsible_name ?? null,
      lastStep: e ? { at: num(e.at), action: String(e.action), actor: String(e.actor_name) } : null,
      fiveDone: s ? [s.measures, s.owner, s.funds, s.time_limit, s.plan].filter((v) => v !== null && String(v).trim() !== '').length : null,
    };
  });
}
