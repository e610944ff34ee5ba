import type { HazardStatus } from '../../../entities/hazard.entity';
import type { RiskColour } from '../checklist/types';

export const STATUS_LABEL: Record<HazardStatus, string> = {
  pending: '待确认',
  rectifying: '整改中',
  verifying: '待验收',
  closed: '已销号',
  rejected: '已驳回',
};

export const OPEN_STATUSES: HazardStatus[] = ['pending', 'rectifying', 'verifying'];

export const RISK_EMOJI: Record<RiskColour, string> = { red: '🔴', orange: '🟠', yellow: '🟡', blue: '🔵' };
export const RISK_NAME: Record<RiskColour, string> = { red: '重大风险', orange: '较大风险', yellow: '一般风险', blue: '低风险' };
export const RISK_ZH: Record<RiskColour, string> = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' };

/** Defaults from the issue; a unit may override them in its settings (hours). */
export const DEFAULT_DEADLINE_HOURS: Record<RiskColour, number> = { red: 24, orange: 72, yellow: 168, blue: 720 };

export const MAX_DESCRIPTION = 2000;

/** YH-2025-000123: readable, unique in the city because it is derived from the row id. */
export function hazardCode(year: number, id: number): string {
  return `YH-${year}-${String(id).padStart(6, '0')}`;
}

export const CODE_PATTERN = /YH-?\d{4}-?\d{1,9}/i;

/** Accepts "YH-2025-000123", "yh2025000123", "YH-2025-123". */
export function normaliseCode(input: string): string | null {
  const m = /^YH-?(\d{4})-?(\d{1,9})$/i.exec(input.trim());
  return m ? hazardCode(Number(m[1]), Number(m[2])) : null;
}

export interface HazardRow {
  id: number;
  code: string;
  unit_id: number;
  group_id: number | null;
  reporter_id: number | null;
  reporter_name: string;
  description: string;
  location: string | null;
  area: string;
  item_code: string;
  risk: RiskColour;
  major: number;
  major_criterion: string | null;
  major_suspected: number;
  classifier_source: string;
  status: HazardStatus;
  deadline_at: number;
  responsible_id: number | null;
  responsible_name: string | null;
  measures: string | null;
  rectified_by_id: number | null;
  rectified_at: number | null;
  verified_by_id: number | null;
  verified_at: number | null;
  verify_note: string | null;
  closed_at: number | null;
  reject_reason: string | null;
  emergency: string | null;
  version: number;
  duplicate_of_id: number | null;
  created_at: number;
  updated_at: number;
}

/** Numbers come back as strings from MySQL BIGINT; normalise once at the edge. */
export function toHazard(r: any): HazardRow {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...r,
    id: Number(r.id), unit_id: Number(r.unit_id), group_id: n(r.group_id), reporter_id: n(r.reporter_id), major: Number(r.major),
    major_suspected: Number(r.major_suspected), deadline_at: Number(r.deadline_at), responsible_id: n(r.responsible_id),
    rectified_by_id: n(r.rectified_by_id), rectified_at: n(r.rectified_at), verified_by_id: n(r.verified_by_id), verified_at: n(r.verified_at),
    closed_at: n(r.closed_at), duplicate_of_id: n(r.duplicate_of_id), version: Number(r.version), created_at: Number(r.created_at), updated_at: Number(r.updated_at),
  } as HazardRow;
}

export function isOverdue(h: Pick<HazardRow, 'status' | 'deadline_at'>, now: number): boolean {
  return (h.status === 'pending' || h.status === 'rectifying') && h.deadline_at < now;
}
