import type { Hazard, HazardStatus } from '../../../entities/hazard.entity';
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

/** A hazard as the ledger holds it: the entity (the entity is the schema). */
export type HazardRow = Hazard;
export type { Hazard, HazardStatus };
export type { HazardEvent } from '../../../entities/hazard-event.entity';
export type { Supervision } from '../../../entities/supervision.entity';
/** The person acting, as commands pass them in. */
export type { Member } from '../../../entities/member.entity';

export function isOverdue(h: Pick<HazardRow, 'status' | 'deadlineAt'>, now: number): boolean {
  return (h.status === 'pending' || h.status === 'rectifying') && h.deadlineAt < now;
}
