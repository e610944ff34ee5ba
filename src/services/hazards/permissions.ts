import type { Member } from '../../../entities/member.entity';
import type { UnitDirectory } from '../org/units';
import { ROLE_LABEL } from '../org/roles';
import { UserError } from '../errors';
import type { HazardRow } from './hazard.types';
import { isSchoolAdminRole } from '../org/roles';

export type HazardAction = 'read' | 'manage' | 'rectify' | 'verify' | 'supervise';

/** Who may do what, in the words a refusal uses. */
const WHO: Record<HazardAction, (h: HazardRow) => string> = {
  read: () => '本单位成员、所属区教育局和市教育局',
  manage: () => '本校安全员或校长',
  rectify: () => '责任人、本校安全员或校长',
  verify: (h) => (h.major ? '区教育局管理员（重大事故隐患）' : '本校安全员、校长或区教育局'),
  supervise: () => '本校安全员、校长或区教育局管理员',
};

export function can(units: UnitDirectory, m: Member | null, action: HazardAction, h: HazardRow): boolean {
  if (!m || m.unitId === null) return false;
  const own = m.unitId === h.unitId;
  const hazardUnit = units.get(h.unitId);
  const memberUnit = units.get(m.unitId);
  const district = Boolean(m.role === 'district_admin' && hazardUnit && memberUnit && units.within(hazardUnit, memberUnit));
  const schoolAdmin = own && isSchoolAdminRole(m.role);
  switch (action) {
    case 'read':
      return own || district || m.role === 'city_admin';
    case 'manage':
      return schoolAdmin;
    case 'rectify':
      return schoolAdmin || (own && h.responsibleId === m.id);
    case 'verify':
      return h.major ? district || m.role === 'city_admin' : schoolAdmin || district;
    case 'supervise':
      return schoolAdmin || district;
  }
}

export function assertCan(units: UnitDirectory, m: Member | null, action: HazardAction, h: HazardRow): asserts m is Member {
  if (can(units, m, action, h)) return;
  const verb = { read: '查看', manage: '处理', rectify: '提交整改', verify: '验收', supervise: '填写督办' }[action];
  // Even to someone outside the unit, say who may act (the roles, never the people).
  if (action !== 'read' && !can(units, m, 'read', h)) throw new UserError(`${h.code} 不属于你的单位，无法查看或处理：只有${WHO[action](h)}可以${verb}。`);
  const you = m ? ROLE_LABEL[m.role] : '未登记';
  throw new UserError(`只有${WHO[action](h)}可以${verb} ${h.code}（你是：${you}）。`);
}
