import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import { shortName } from '../deadlines/audience';

/** How a summary names its unit: "丰泽区教育局" → "丰泽区", "泉州市教育局" → "泉州市", a school by its full name. */
export function displayName(unit: Unit): string {
  return unit.kind === 'school' ? unit.name : unit.name.replace(/教育局$/, '') || unit.name;
}

/** Inside a district's lists a school drops the district prefix, as the reminders write it. */
export function shortSchoolName(unit: Unit, units: Pick<UnitDirectory, 'get'>): string {
  return unit.kind === 'school' ? shortName(unit, units) : displayName(unit);
}
