// 「东海中学的重大隐患整改到哪一步了？」: each matching hazard's state, deadline, responsible person, its last
// step, and for a 重大事故隐患 how many of the 五落实 are filled.
import type { DataSource } from 'typeorm';
import { askLedger, type LedgerFilter } from './ledger';

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

export async function progressAnswer(ds: DataSource, f: LedgerFilter, now: number, limit = 5): Promise<ProgressItem[]> {
  const rows = await askLedger(ds).progress(f, limit);
  return rows.map((r) => ({
    code: r.code, unitId: r.unitId, status: r.status, risk: r.risk, major: r.major,
    overdue: (r.status === 'pending' || r.status === 'rectifying') && r.deadlineAt < now,
    deadlineAt: r.deadlineAt, responsibleName: r.responsibleName, lastStep: r.lastStep, fiveDone: r.fiveDone,
  }));
}
