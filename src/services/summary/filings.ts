// Who still owes each tracked filing, as /提醒 sees it: read through the reminders' own outlook (deadlines and
// filing tables of issue 5), so the summary and the 09:00 reminders never disagree.
import type { Db } from '../../db/repositories/base';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import { loadCalendar } from '../deadlines/store';
import { unitOutlook } from '../deadlines/outlook';
import { escalationParent, filerKindOf, owes } from '../deadlines/audience';
import { shortSchoolName } from './names';

export interface FilingLine {
  alias: string;
  title: string;
  /** Due day, YYYY-MM-DD. */
  date: string;
  /** Negative when overdue. */
  daysLeft: number;
  /** The unit itself files this one: filed or not; undefined when it only collects from others. */
  ownFiled?: boolean;
  /** Units below that owe it (a district's schools; the city's districts and 市属学校): how many, how many filed. */
  below?: { total: number; filed: number; pendingNames: string[] };
}

export interface FilingFacts {
  /** The next tracked deadline (today or later). */
  next: FilingLine | null;
  /** Earlier tracked deadlines somebody in scope still owes. */
  overdue: FilingLine[];
}

const NAMES = 3;

export async function filingFacts(db: Db, units: UnitDirectory, unit: Unit, now: number): Promise<FilingFacts> {
  const calendar = await loadCalendar(db);
  const outlook = await unitOutlook(db, units, calendar, unit, now);
  // Units whose filings this unit collects: the same rule the escalations use.
  const below = unit.kind === 'school' ? [] : units.all().filter((u) => u.id !== unit.id && escalationParent(u, units)?.id === unit.id);
  const ownKind = filerKindOf(unit, units);
  const lines = outlook.items.map((item): FilingLine => {
    const owing = below.filter((u) => owes(item.deadline, filerKindOf(u, units)));
    const line: FilingLine = { alias: item.deadline.alias, title: item.occurrence.title, date: item.occurrence.date, daysLeft: item.daysLeft };
    if (owes(item.deadline, ownKind)) line.ownFiled = item.filed !== null;
    if (owing.length) {
      line.below = { total: owing.length, filed: owing.length - item.pending.length, pendingNames: item.pending.slice(0, NAMES).map((u) => shortSchoolName(u, units)) };
    }
    return line;
  });
  return {
    next: lines.find((l) => l.daysLeft >= 0) ?? null,
    overdue: lines.filter((l) => l.daysLeft < 0 && (l.ownFiled === false || (l.below && l.below.filed < l.below.total))),
  };
}
