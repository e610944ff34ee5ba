// `/已报送 <事项> [期次]` → which deadline occurrence the unit is reporting as done.
// 季报 is shared by four deadlines, so without an explicit period the occurrence nearest to "now"
// wins: a district filing Q1 late on 4/20 means Q1; one filing early on 6/20 means Q2.
import { daysBetween, shanghaiDayKey, shanghaiParts } from '../time';
import { occurrenceIn, type Deadline, type Occurrence } from './calendar';

export type FilingResolution =
  | { ok: true; deadline: Deadline; occurrence: Occurrence }
  | { ok: false; reason: 'unknown' | 'no-occurrence'; known: string[] };

const CN_QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** Parse "2025Q2", "Q2", "2025年第二季度", "二季度", "2025". */
function parsePeriod(rest: string): { year?: number; quarter?: number } {
  const s = rest.replace(/\s+/g, '');
  const year = /(\d{4})/.exec(s)?.[1];
  const q = /Q([1-4])/i.exec(s)?.[1] ?? /第?([一二三四1-4])季/.exec(s)?.[1];
  return { year: year ? Number(year) : undefined, quarter: q ? CN_QUARTER[q] : undefined };
}

function matches(d: Deadline, word: string): boolean {
  return d.alias === word || d.aliases.includes(word) || d.key === word;
}

/** Words a user may type, for the "unknown 事项" help line. */
export function filingWords(calendar: readonly Deadline[]): string[] {
  return [...new Set(calendar.filter((d) => d.tracked).map((d) => d.alias))];
}

export function resolveFiling(calendar: readonly Deadline[], input: string, at: Date): FilingResolution {
  const trimmed = input.trim();
  const known = filingWords(calendar);
  const tracked = calendar.filter((d) => d.tracked);
  // Longest alias first so "季度报表" is not read as "季…".
  const words = [...new Set(tracked.flatMap((d) => [d.alias, ...d.aliases, d.key]))].sort((a, b) => b.length - a.length);
  const word = words.find((w) => trimmed.startsWith(w));
  if (!word) return { ok: false, reason: 'unknown', known };
  const { year, quarter } = parsePeriod(trimmed.slice(word.length));

  const today = shanghaiDayKey(at);
  const thisYear = shanghaiParts(at).year;
  const candidates: { deadline: Deadline; occurrence: Occurrence }[] = [];
  for (const deadline of tracked.filter((d) => matches(d, word))) {
    for (let y = thisYear - 1; y <= thisYear + 1; y++) {
      const occurrence = occurrenceIn(deadline, y);
      if (!occurrence) continue;
      if (quarter !== undefined && occurrence.quarter !== `${year ?? periodYear(occurrence)}Q${quarter}`) continue;
      if (quarter === undefined && year !== undefined && periodYear(occurrence) !== year) continue;
      candidates.push({ deadline, occurrence });
    }
  }
  if (candidates.length === 0) return { ok: false, reason: 'no-occurrence', known };
  // Nearest due day; on a tie the upcoming one (filing early is more common than a year late).
  const distance = (o: Occurrence) => Math.abs(daysBetween(today, o.date)) * 2 - (o.date >= today ? 1 : 0);
  candidates.sort((a, b) => distance(a.occurrence) - distance(b.occurrence));
  return { ok: true, ...candidates[0] };
}

function periodYear(o: Occurrence): number {
  return Number(o.period.slice(0, 4));
}
