import type { Role } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';

export const ROLE_LABEL: Record<Role, string> = {
  teacher: '教师',
  safety_officer: '安全员',
  deputy_principal: '分管安全副校长',
  principal: '校长',
  district_admin: '区教育局管理员',
  city_admin: '市教育局管理员',
};

const ROLE_WORDS: Record<string, Role> = {
  教师: 'teacher', 老师: 'teacher', teacher: 'teacher',
  安全员: 'safety_officer', 安全管理员: 'safety_officer', 安全干部: 'safety_officer', safety_officer: 'safety_officer', officer: 'safety_officer',
  分管安全副校长: 'deputy_principal', 分管安全副园长: 'deputy_principal', '分管安全副校（园）长': 'deputy_principal', 分管校长: 'deputy_principal',
  分管副校长: 'deputy_principal', 副校长: 'deputy_principal', 副园长: 'deputy_principal', deputy: 'deputy_principal', deputy_principal: 'deputy_principal',
  校长: 'principal', 园长: 'principal', principal: 'principal',
  区教育局管理员: 'district_admin', 区管理员: 'district_admin', 县管理员: 'district_admin', district_admin: 'district_admin',
  市教育局管理员: 'city_admin', 市管理员: 'city_admin', city_admin: 'city_admin',
};

export function parseRole(word: string): Role | undefined {
  return ROLE_WORDS[word.trim().toLowerCase()] ?? ROLE_WORDS[word.trim()];
}

/** 网格员 is not a role but a tag on a member with the places they watch (`/角色 @某人 网格员 三年级 实验楼`). */
export const GRID_WORDS = ['网格员', 'grid'];

/** A school's administrators: the safety officer, the principal and the 分管安全副校（园）长 with the principal's approvals. */
export function isSchoolAdminRole(role: Role | string): boolean {
  return role === 'safety_officer' || role === 'principal' || role === 'deputy_principal';
}

/** Roles that may administer a unit's members and settings, per unit kind. */
export function isUnitAdminRole(role: Role, unit: Unit): boolean {
  if (unit.kind === 'school') return isSchoolAdminRole(role);
  if (unit.kind === 'district') return role === 'district_admin';
  return role === 'city_admin';
}

/** Which roles a unit of this kind can hold. */
export function rolesForUnit(unit: Pick<Unit, 'kind'>): Role[] {
  if (unit.kind === 'school') return ['teacher', 'safety_officer', 'deputy_principal', 'principal'];
  if (unit.kind === 'district') return ['teacher', 'district_admin'];
  return ['teacher', 'city_admin'];
}
