// Whose progress a person may see: a school's principal or safety officer their school, a district admin the
// district and everything below it, a city admin the city. Teachers see no summaries (they have /清单).
import type { Member } from '../../../entities/member.entity';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import { ROLE_LABEL } from '../org/roles';
import { UserError } from '../errors';
import { displayName } from './names';
import { SUMMARY_TEXT } from './refusals';

/** The unit a member's role lets them oversee, or undefined for teachers (and roles that do not fit their unit). */
export function homeScope(units: UnitDirectory, member: Member): Unit | undefined {
  const own = units.get(member.unitId);
  switch (member.role) {
    case 'principal':
    case 'deputy_principal':
    case 'safety_officer':
      return own?.kind === 'school' ? own : undefined;
    case 'district_admin':
      return own?.kind === 'district' ? own : undefined;
    case 'city_admin':
      return own?.kind === 'city' ? own : units.city();
    default:
      return undefined;
  }
}

/** Who may see a unit's progress, in the words of a refusal. */
export function whoMaySee(units: UnitDirectory, unit: Unit): string {
  const district = units.districtOf(unit);
  return SUMMARY_TEXT.whoMaySee(unit.kind, district && displayName(district));
}

/** "鲤城区" names the bureau even though 鲤城区第一中学 contains the words too. */
export function findUnit(units: UnitDirectory, name: string): ReturnType<UnitDirectory['find']> {
  const bureau = units.all().find((u) => u.kind !== 'school' && displayName(u) === name.trim());
  return bureau ? { unit: bureau, candidates: [] } : units.find(name);
}

/**
 * The unit a summary covers: the named one if it lies within the asker's scope, else the group's unit if it
 * does (a district admin asking in a school's group means that school), else the asker's own scope.
 */
export function summaryScope(units: UnitDirectory, member: Member | null, groupUnit: Unit | null, requested?: string): Unit {
  if (!member || member.unitId === null) throw new UserError(SUMMARY_TEXT.noUnit);
  const home = homeScope(units, member);
  if (!home) throw new UserError(SUMMARY_TEXT.teacher(ROLE_LABEL[member.role]));
  if (requested) {
    const { unit, candidates } = findUnit(units, requested);
    if (!unit) {
      const inScope = candidates.filter((c) => units.within(c, home));
      const hint = inScope.length ? `你是不是要找：${inScope.map((u) => u.name).join('、')}？` : '请写单位全称，例如：/进度 丰泽区 本月';
      throw new UserError(SUMMARY_TEXT.unknownUnit(requested, hint));
    }
    if (!units.within(unit, home)) throw new UserError(SUMMARY_TEXT.outOfScope(unit.name, whoMaySee(units, unit)));
    return unit;
  }
  return groupUnit && units.within(groupUnit, home) ? groupUnit : home;
}
