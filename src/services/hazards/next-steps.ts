import type { Member } from '../../../entities/member.entity';
import type { Role } from '../../../entities/member.entity';
import type { UnitDirectory } from '../org/units';
import { can } from './permissions';
import type { HazardRow } from './hazard.types';
import { safeText } from './safe-text';

/**
 * The one place that decides which commands to suggest: from the hazard's state and the reader's permissions, so a
 * suggestion is always a step that would succeed for that person (test/integration/next-steps.test.ts executes
 * every one for every state × role). Replies, cards and pushes render these; none writes its own.
 */
export interface Step {
  word: string;
  code: string;
  /** Fixed words after the code (「通过」, 「红 重大」). */
  fixed?: string;
  /** What the person fills in, shown in the hint (「措施」「原因」); the test fills a sample. */
  fill?: string;
}

export interface SupervisionState {
  complete: boolean;
}

/** Steps this reader can take now; empty when the next step is someone else's. */
export function nextSteps(units: UnitDirectory, h: HazardRow, reader: Pick<Member, 'id' | 'role' | 'unitId'> | null, sup: SupervisionState | null = null, duplicateOf?: string): Step[] {
  if (!reader) return [];
  const m = reader as Member;
  const steps: Step[] = [];
  const code = h.code;
  const supervise = Boolean(h.major) && !sup?.complete && can(units, m, 'supervise', h);
  switch (h.status) {
    case 'pending':
      // A 重大事故隐患's 五落实 are due within 24 hours: that comes first.
      if (supervise) steps.push({ word: '督办', code, fill: '措施=… 责任人=… 资金=… 时限=… 预案=…' });
      if (can(units, m, 'manage', h)) {
        if (duplicateOf) steps.push({ word: '合并', code, fixed: duplicateOf });
        if (h.majorSuspected && !h.major) steps.push({ word: '改级', code, fixed: '红 重大' });
        steps.push({ word: '确认', code });
        if (!duplicateOf) steps.push({ word: '驳回', code, fill: '原因' });
      }
      break;
    case 'rectifying':
      if (can(units, m, 'rectify', h)) steps.push({ word: '整改', code, fill: '措施' });
      if (supervise) steps.push({ word: '督办', code, fill: '措施=… 责任人=… 资金=… 时限=… 预案=…' });
      if (can(units, m, 'manage', h) && h.responsibleId !== m.id) steps.push({ word: '指派', code, fill: '@某人' });
      break;
    case 'verifying':
      if (supervise) steps.push({ word: '督办', code, fill: '措施=… 责任人=… 资金=… 时限=… 预案=…' });
      else if (can(units, m, 'verify', h) && h.rectifiedById !== m.id) steps.push({ word: '验收', code, fixed: '通过' });
      break;
    default:
      break;
  }
  return steps;
}

export function renderStep(s: Step): string {
  return `/${s.word} ${s.code}${s.fixed ? ` ${s.fixed}` : ''}${s.fill ? ` ${s.fill}` : ''}`;
}

/** Who acts next, as a group reads it, and as whom the steps are computed (a stand-in of that role). */
export function nextActor(units: UnitDirectory, h: HazardRow): { who: string; as: Pick<Member, 'id' | 'role' | 'unitId'> } | null {
  const unit = units.get(h.unitId);
  switch (h.status) {
    case 'pending':
      return { who: h.responsibleName ?? '安全员', as: { id: h.responsibleId ?? -1, role: 'safety_officer', unitId: h.unitId } };
    case 'rectifying':
      return { who: h.responsibleName ?? '责任人', as: { id: h.responsibleId ?? -1, role: 'teacher', unitId: h.unitId } };
    case 'verifying': {
      if (h.major) {
        const district = unit ? units.districtOf(unit) : undefined;
        return district ? { who: '区教育局', as: { id: -1, role: 'district_admin' as Role, unitId: district.id } } : null;
      }
      return { who: '安全员或校长（整改人以外）', as: { id: -1, role: 'principal', unitId: h.unitId } };
    }
    default:
      return null;
  }
}

/**
 * 「下一步：…」 for a reply or push: the reader's own steps when they have any, else who acts next and with what.
 * Closed and rejected items end with /查询.
 */
export function nextStepLine(units: UnitDirectory, h: HazardRow, reader: Pick<Member, 'id' | 'role' | 'unitId'> | null, sup: SupervisionState | null = null, duplicateOf?: string): string {
  const own = nextSteps(units, h, reader, sup, duplicateOf);
  if (own.length) return `下一步：${own.map(renderStep).join('；或 ')}`;
  const actor = nextActor(units, h);
  if (!actor) return `详情：/查询 ${h.code}`;
  const theirs = nextSteps(units, h, actor.as, sup, duplicateOf);
  if (!theirs.length) return `详情：/查询 ${h.code}`;
  return `下一步：${safeText(actor.who, 40)} ${theirs.slice(0, 2).map(renderStep).join('；或 ')}`;
}
