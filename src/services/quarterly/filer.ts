// Who files what: the unit's role in the quarterly forms and who may act for it.
import type { Member } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import type { FilerKind } from '../deadlines/calendar';
import type { FilerRole } from './types.js';
import { isSchoolAdminRole } from '../org/roles';

/** school: under a district; city-school: a 市属学校 (parent is the city), files like a district; null: the city. */
export function filerRoleOf(units: UnitDirectory, unit: Unit): FilerRole | null {
  if (unit.kind === 'district') return 'district';
  if (unit.kind !== 'school') return null;
  return units.parent(unit)?.kind === 'city' ? 'city-school' : 'school';
}

/** The calendar's name for the same thing, to tell whether the quarterly deadline is this unit's to file. */
export function calendarFiler(role: FilerRole): FilerKind {
  return role === 'city-school' ? 'city_school' : role;
}

/** Row label in the forms: 丰泽区教育局 → 丰泽区 (the seed's rows are 县（市、区）), schools by name. */
export function rowLabelOf(unit: Unit): string {
  return unit.kind === 'district' ? unit.name.replace(/教育局$/, '') : unit.name;
}

/** The unit's own administrators: 安全员/校长 for a school, 区教育局管理员 for a district. */
export function isOwnAdmin(m: Member, unit: Unit): boolean {
  if (m.unitId !== unit.id) return false;
  return unit.kind === 'school' ? isSchoolAdminRole(m.role) : unit.kind === 'district' ? m.role === 'district_admin' : m.role === 'city_admin';
}

/** The bureau above: a district admin for its schools, a city admin for everything. */
export function isParentAdmin(units: UnitDirectory, m: Member, unit: Unit): boolean {
  const mine = units.get(m.unitId);
  if (!mine || mine.id === unit.id) return false;
  if (m.role === 'city_admin') return true;
  return m.role === 'district_admin' && mine.kind === 'district' && units.within(unit, mine);
}

/** Who may enter a unit's figures, for refusals: "只有安全员或校长可以…". */
export function whoMayFill(unit: Unit): string {
  return unit.kind === 'school' ? '本校安全员或校长' : '区教育局管理员';
}

/** Units a member may look at: their own and everything below it. */
export function canView(units: UnitDirectory, m: Member, unit: Unit): boolean {
  const mine = units.get(m.unitId);
  return Boolean(mine && units.within(unit, mine));
}
