// 「还有哪些学校没交季报？」: the same calendar, filings and who-owes-what rules as /提醒 and the 09:00 reminders.
import type { DataSource } from 'typeorm';
import type { Unit } from '../../../entities/unit.entity';
import type { UnitDirectory } from '../org/units';
import { loadCalendar } from '../deadlines/store';
import { resolveFiling } from '../deadlines/filing-alias';
import { escalationParent, filerKindOf, owes } from '../deadlines/audience';
import { filedUnitIds, filingOf } from '../deadlines/filings';
import { daysBetween, shanghaiDayKey, shanghaiParts } from '../time';
import { shortSchoolName } from '../summary/names';
import type { AskQuery } from './query';

export interface FilingAnswer {
  document: string;
  /** The occurrence asked about: 季报（2026年第三季度），due day. */
  title: string | null;
  date: string | null;
  daysLeft: number;
  /** The scope's own filing; undefined when the scope does not file this one. */
  own?: { filed: boolean; at: number | null };
  /** Units below that owe it. */
  below: { total: number; pending: string[] };
  known: string[];
}

/** The period slot in the words resolveFiling reads: 2026Q3, 2026. */
export function periodWords(period: string | null, now: number): string {
  if (!period) return '';
  const { year, month } = shanghaiParts(new Date(now));
  const q = Math.floor((month - 1) / 3) + 1;
  if (/^\d{4}-Q[1-4]$/.test(period)) return period.replace('-', '');
  if (period === 'this_quarter') return `${year}Q${q}`;
  if (period === 'last_quarter') return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
  if (period === 'this_year') return String(year);
  if (period === 'last_year') return String(year - 1);
  if (/^\d{4}$/.test(period)) return period;
  return '';
}

export async function filingAnswer(ds: DataSource, units: UnitDirectory, scope: Unit, q: AskQuery, now: number): Promise<FilingAnswer> {
  const calendar = await loadCalendar(ds);
  const document = q.document ?? '季报';
  const res = resolveFiling(calendar, `${document}${periodWords(q.period, now)}`, new Date(now));
  const empty: FilingAnswer = { document, title: null, date: null, daysLeft: 0, below: { total: 0, pending: [] }, known: res.ok ? [] : res.known };
  if (!res.ok) return empty;
  const { deadline, occurrence } = res;
  const answer: FilingAnswer = { ...empty, title: occurrence.title, date: occurrence.date, daysLeft: daysBetween(shanghaiDayKey(new Date(now)), occurrence.date) };
  if (owes(deadline, filerKindOf(scope, units))) {
    const f = await filingOf(ds, scope.id, deadline.key, occurrence.date);
    answer.own = { filed: f !== null, at: f?.filedAt ?? null };
  }
  // Units whose filings this unit collects: the escalation rule the reminders use.
  const below = scope.kind === 'school' ? [] : units.all().filter((u) => u.id !== scope.id && escalationParent(u, units)?.id === scope.id && owes(deadline, filerKindOf(u, units)));
  if (below.length) {
    const filed = await filedUnitIds(ds, deadline.key, occurrence.date);
    const pending = below.filter((u) => !filed.has(u.id)).sort((a, b) => a.id - b.id);
    answer.below = { total: below.length, pending: pending.map((u) => shortSchoolName(u, units)) };
  }
  return answer;
}
