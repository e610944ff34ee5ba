import type { Role } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';

export const ROLE_LABEL: Record<Role, string> = {
  teacher: '教师',
  safety_officer: '安全员',
  principal: '校长',
  district_admin: '区教育局管理员',
  city_admin: '市教育局管理员',
};

const ROLE_WORDS: Record<string, Role> = {
  教师: 'teacher', 老师: 'teacher', teacher: 'teacher', 网格员: 'teacher',
  安全员: 'safety_officer', 安全管理员: 'safety_officer', 安全干部: 'safety_officer', safety_officer: 'safety_officer', officer: 'safety_officer',
  校长: 'principal', 园长: 'principal', 分管校长: 'principal', principal: 'principal',
  区教育局管理员: 'district_admin', 区管理员: 'district_admin', 县管理员: 'district_admin', district_admin: 'district_admin',
  市教育局管理员: 'city_admin', 市管理员: 'city_admin', city_admin: 'city_admin',
};

export function parseRole(word: string): Role | undefined {
  return ROLE_WORDS[word.trim().toLowerCase()] ?? ROLE_WORDS[word.trim()];
}

/** The role a unit's first member gets when they bind a group: the unit's administrator. */
export function adminRoleFor(unit: Unit): Role {
  return unit.kind === 'school' ? 'safety_officer' : unit.kind === 'district' ? 'district_admin' : 'city_admin';
}

/** Roles that may administer a unit's members and settings, per unit kind. */
export function isUnitAdminRole(role: Role, unit: Unit): boolean {
  if (unit.kind === 'school') return role === 'safety_officer' || role === 'principal';
  if (unit.kind === 'district') return role === 'district_admin';
  return role === 'city_admin';
}

/** Which roles a unit of this kind can hold. */
export function rolesForUnit(unit: Unit): Role[] {
  if (unit.kind === 'school') return ['teacher', 'safety_officer', 'principal'];
  if (unit.kind === 'district') return ['teacher', 'district_admin'];
  return ['teacher', 'city_admin'];
}
