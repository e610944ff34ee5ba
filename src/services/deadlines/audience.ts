// Who must file what and who hears about it. The programme's rule: districts and
// 市属学校 file to the city; schools file to their district. A 市属学校 is a school whose parent is the city.
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import type { Deadline, FilerKind } from './calendar';

export function filerKindOf(unit: Unit, units: Pick<UnitDirectory, 'get'>): FilerKind | null {
  if (unit.kind === 'district') return 'district';
  if (unit.kind === 'city') return 'city';
  if (unit.kind !== 'school') return null;
  return units.get(unit.parentId)?.kind === 'city' ? 'city_school' : 'school';
}

/**
 * A 市属学校 is also a school: it owes the every-school duties (承诺书, 自评报告) when it has no duty of its own,
 * except the schools' 季报 figures, which a district collects — a 市属学校 files its 季报 straight to the city.
 */
export function owes(deadline: Deadline, kind: FilerKind | null): boolean {
  if (!kind) return false;
  const filers = deadline.duties.map((d) => d.filer);
  if (filers.includes(kind)) return true;
  const school = deadline.duties.find((d) => d.filer === 'school');
  return kind === 'city_school' && Boolean(school) && school!.document !== '季报';
}

export interface Filer {
  unit: Unit;
  kind: FilerKind;
}

/** Every unit that must file this deadline, sorted by id so every instance walks them in the same order. */
export function filingUnits(deadline: Deadline, units: Pick<UnitDirectory, 'all' | 'get'>): Filer[] {
  const out: Filer[] = [];
  for (const unit of units.all()) {
    const kind = filerKindOf(unit, units);
    if (kind && owes(deadline, kind)) out.push({ unit, kind });
  }
  return out.sort((a, b) => a.unit.id - b.unit.id);
}

/** Whose group hears that a unit is late: a school's district (or the city for 市属学校), a district's city. */
export function escalationParent(unit: Unit, units: Pick<UnitDirectory, 'get' | 'city'>): Unit | undefined {
  if (unit.kind === 'district') return units.get(unit.parentId) ?? units.city();
  return units.get(unit.parentId);
}

/** "泉州市丰泽区东海中学" → "东海中学" inside its district's lists; other names stay whole. */
export function shortName(unit: Unit, units: Pick<UnitDirectory, 'get'>): string {
  const parent = units.get(unit.parentId);
  if (unit.kind !== 'school' || parent?.kind !== 'district') return unit.name;
  const area = parent.name.replace(/教育局$/, '');
  const rest = unit.name.replace(/^泉州市/, '');
  return rest.startsWith(area) && rest.length > area.length ? rest.slice(area.length) : unit.name;
}
