// What `/提醒` shows a unit: its next dates, what it still owes and, for a bureau, which units under it have
// not filed. Read from the database each time, so it agrees with what the 09:00 reminders will say.
import type { Db } from '../../db/repositories/base';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import { addDays, daysBetween, shanghaiDayKey, type DayKey } from '../time';
import { occurrencesBetween, type Deadline, type Occurrence } from './calendar';
import { escalationParent, filerKindOf, owes } from './audience';
import { filingsOfUnits, type FilingState } from './filings';

export interface OutlookItem {
  deadline: Deadline;
  occurrence: Occurrence;
  /** Days from today to the due day; negative when overdue. */
  daysLeft: number;
  /** The unit itself must file this one. */
  own: boolean;
  filed: FilingState | null;
  /** Units this unit supervises that owe it and have not filed (a district's schools; the city's districts and 市属学校). */
  pending: Unit[];
}

export interface Outlook {
  unit: Unit;
  today: DayKey;
  items: OutlookItem[];
  stageEnds: { deadline: Deadline; occurrence: Occurrence; daysLeft: number }[];
}

const LOOK_BACK_DAYS = 45;
const UPCOMING = 3;
const STAGE_END_DAYS = 30;

/** Units whose lateness this unit hears about (escalations go to it). */
function supervised(unit: Unit, units: UnitDirectory): Unit[] {
  if (unit.kind === 'school') return [];
  return units.all().filter((u) => u.id !== unit.id && escalationParent(u, units)?.id === unit.id && filerKindOf(u, units) !== null);
}

export async function unitOutlook(db: Db, units: UnitDirectory, calendar: readonly Deadline[], unit: Unit, now: number): Promise<Outlook> {
  const today = shanghaiDayKey(new Date(now));
  const from = new Date(now - LOOK_BACK_DAYS * 86_400_000);
  const to = new Date(now + 400 * 86_400_000);
  const kind = filerKindOf(unit, units);
  const below = supervised(unit, units);
  const filings = await filingsOfUnits(db, [unit.id, ...below.map((u) => u.id)]);
  const filing = (d: Deadline, date: DayKey, u: Unit) => filings.get(`${d.key}|${date}|${u.id}`) ?? null;

  const candidates: OutlookItem[] = [];
  for (const deadline of calendar.filter((d) => d.tracked)) {
    const own = owes(deadline, kind);
    const owingBelow = below.filter((u) => owes(deadline, filerKindOf(u, units)));
    if (!own && owingBelow.length === 0) continue;
    for (const occurrence of occurrencesBetween(deadline, from, to)) {
      const filed = own ? filing(deadline, occurrence.date, unit) : null;
      const pending = owingBelow.filter((u) => !filing(deadline, occurrence.date, u));
      candidates.push({ deadline, occurrence, daysLeft: daysBetween(today, occurrence.date), own, filed, pending });
    }
  }
  candidates.sort((a, b) => a.occurrence.date.localeCompare(b.occurrence.date) || a.deadline.key.localeCompare(b.deadline.key));
  // Past ones only while something is still missing; then the next three, filed or not.
  const past = candidates.filter((c) => c.daysLeft < 0 && ((c.own && !c.filed) || c.pending.length > 0));
  const upcoming = candidates.filter((c) => c.daysLeft >= 0).slice(0, UPCOMING);

  const stageEnds = calendar
    .filter((d) => d.kind === 'stage-end')
    .flatMap((deadline) => occurrencesBetween(deadline, new Date(now), new Date(now + STAGE_END_DAYS * 86_400_000)).map((occurrence) => ({ deadline, occurrence, daysLeft: daysBetween(today, occurrence.date) })))
    .filter((s) => s.occurrence.date <= addDays(today, STAGE_END_DAYS))
    .sort((a, b) => a.occurrence.date.localeCompare(b.occurrence.date));
  return { unit, today, items: [...past, ...upcoming], stageEnds };
}
