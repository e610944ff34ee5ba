// Quarters, counting periods and which quarter is being filed, all in Asia/Shanghai.
import { occurrenceIn, type Deadline } from '../deadlines/calendar';
import { addDays, daysBetween, dayKeyStart, shanghaiDate, shanghaiDayKey, shanghaiParts, toDayKey, type DayKey } from '../time';
import type { Period } from './types.js';

/** '2025Q1' */
export type Quarter = string;

const CN_Q: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };
const Q_NAME = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** Reads 2025Q1, 2025q1, 2025-Q1, 2025年第一季度, 2025年一季度. */
export function parseQuarter(text: string): Quarter | undefined {
  const s = text.trim().normalize('NFKC');
  const m = /^(\d{4})[-\s]?[Qq]([1-4])$/.exec(s) ?? /^(\d{4})年?第?([一二三四1-4])季度?$/.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  return year >= 2000 && year <= 2100 ? `${year}Q${CN_Q[m[2]]}` : undefined;
}

export function quarterParts(q: Quarter): { year: number; q: number } {
  return { year: Number(q.slice(0, 4)), q: Number(q.slice(-1)) };
}

/** [start, end) of the quarter as epoch ms. */
export function quarterBounds(q: Quarter): { start: number; end: number } {
  const { year, q: n } = quarterParts(q);
  return { start: shanghaiDate(year, 3 * (n - 1) + 1, 1).getTime(), end: shanghaiDate(year, 3 * n + 1, 1).getTime() };
}

/** 2025年第一季度 */
export function quarterName(q: Quarter): string {
  const { year, q: n } = quarterParts(q);
  return `${year}年${Q_NAME[n - 1]}`;
}

export function quarterOf(at: number): Quarter {
  const p = shanghaiParts(new Date(at));
  return `${p.year}Q${Math.floor((p.month - 1) / 3) + 1}`;
}

/**
 * Where a field's cumulative count starts (seed notes: 自查/整改 and the yearly counts since January of the year
 * reported on — 2025年1月 in the 2025 plan —, the rest since fixed dates: 2021-08, 2024-02, 2024-04).
 */
export function periodStart(period: Period, year = 2025): number | null {
  const starts: Record<Period, [number, number] | null> = {
    'since-2021-08': [2021, 8], 'since-2024-02': [2024, 2], 'since-2024-04': [2024, 4], 'since-2025-01': [year, 1], 'base-2024': null,
  };
  const s = starts[period];
  return s ? shanghaiDate(s[0], s[1], 1).getTime() : null;
}

/** "2026年1月以来累计" for a form of `year`. */
export function periodLabel(period: Period, year = 2025): string {
  if (period === 'since-2025-01') return `${year}年1月以来累计`;
  const m = /^since-(\d{4})-(\d{2})$/.exec(period);
  return m ? `${m[1]}年${Number(m[2])}月以来累计` : `${year - 1}年底数`;
}

/** A quarter's filing: the calendar deadline that covers it (q1/q2/q3/q4 on 4/1, 7/1, 10/1, 1/1). */
export interface QuarterFiling {
  quarter: Quarter;
  /** undefined when the calendar has no deadline for this quarter (an admin removed it). */
  deadlineKey?: string;
  /** Due day; without a calendar deadline, the seed's rule: the first day of the next quarter. */
  due: DayKey;
}

/** The bureaus' 季报 (q1–q4 on 4/1, 7/1, 10/1, 1/1); the 年度工作总结 on 1/1 is a filing of its own. */
function isQuarterly(d: Deadline): boolean {
  return d.tracked && d.kind === 'filing' && d.covers === 'previous-quarter';
}

/**
 * Every tracked 季报 deadline a filer of this kind owes for quarter `q`: the bureau's q1–q4, a school's
 * q1-school…q4-school (its figures, due before its district's). Submitting the figures files all of them.
 */
export function quarterFilingsFor(calendar: readonly Deadline[], q: Quarter, owes: (d: Deadline) => boolean): { deadlineKey: string; due: DayKey }[] {
  const { year } = quarterParts(q);
  const out: { deadlineKey: string; due: DayKey }[] = [];
  for (const d of calendar.filter((x) => x.tracked && x.kind === 'filing' && x.covers.endsWith('-quarter') && owes(x))) {
    for (const y of [year, year + 1]) {
      const occ = occurrenceIn(d, y);
      if (occ?.quarter === q) out.push({ deadlineKey: d.key, due: occ.date });
    }
  }
  return out;
}

/** The filing of one quarter, from the calendar. */
export function filingOf(calendar: readonly Deadline[], q: Quarter): QuarterFiling {
  const { year, q: n } = quarterParts(q);
  const dueYear = n === 4 ? year + 1 : year;
  for (const d of calendar.filter(isQuarterly)) {
    const occ = occurrenceIn(d, dueYear);
    if (occ?.quarter === q) return { quarter: q, deadlineKey: d.key, due: occ.date };
  }
  return { quarter: q, due: n === 4 ? toDayKey(year + 1, 1, 1) : toDayKey(year, 3 * n + 1, 1) };
}

/** Instant the filing is late: the end of its due day ("4月1日前" read generously, as the reminders do). */
export function dueEnd(f: QuarterFiling): number {
  return dayKeyStart(addDays(f.due, 1)).getTime();
}

/**
 * The quarter being filed at `now`: of the previous and the current quarter, the one whose due day is nearest
 * (on a tie the upcoming one). That is the rule `/已报送 季报` uses, so a district filing Q1 late on 4/20 and
 * one filing early on 3/25 both mean Q1. A quarter the calendar has a deadline for beats one it has none for
 * (2024Q4 predates the programme), and once a unit has submitted a quarter whose due day is past, it moves on.
 */
export function currentFiling(calendar: readonly Deadline[], now: number, submitted: (q: Quarter) => boolean = () => false): QuarterFiling {
  const today = shanghaiDayKey(new Date(now));
  const here = quarterOf(now);
  const candidates = [filingOf(calendar, shiftQuarter(here, -1)), filingOf(calendar, here)];
  const distance = (f: QuarterFiling) => (f.deadlineKey || !candidates.some((c) => c.deadlineKey) ? 0 : 1e6) + Math.abs(daysBetween(today, f.due)) * 2 - (f.due >= today ? 1 : 0);
  candidates.sort((a, b) => distance(a) - distance(b));
  const [first, second] = candidates;
  return first.quarter !== here && first.due < today && submitted(first.quarter) ? second : first;
}

export function shiftQuarter(q: Quarter, by: number): Quarter {
  const { year, q: n } = quarterParts(q);
  const i = year * 4 + (n - 1) + by;
  return `${Math.floor(i / 4)}Q${(i % 4) + 1}`;
}

/** "4月1日截止，还有 5 天" / "今天截止" / "已过截止 3 天" */
export function dueText(f: QuarterFiling, now: number): string {
  const { month, day } = { month: Number(f.due.slice(5, 7)), day: Number(f.due.slice(8, 10)) };
  const left = daysBetween(shanghaiDayKey(new Date(now)), f.due);
  const when = left > 0 ? `还有 ${left} 天` : left === 0 ? '今天截止' : `已过截止 ${-left} 天`;
  return `${month}月${day}日截止，${when}`;
}
