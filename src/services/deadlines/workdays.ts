// Working days in mainland China: weekends and public holidays are off, 调休 days (a Saturday or Sunday
// declared a working day) are on. The data is the `chinese-days` package (published by the State Council's
// yearly notice, one JSON per year); a year it does not know yet falls back to Monday–Friday, and the
// scheduler warns at start so an operator upgrades the package once the notice is out (usually November).
import { createRequire } from 'node:module';
import { addDays, parseDayKey, type DayKey } from '../time';

// Loaded with require: a bare JSON import needs an import attribute in Node's ESM once the code is built (dist/).
const data: { holidays: Record<string, string>; workdays: Record<string, string>; inLieuDays?: Record<string, string> } =
  createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');

export interface WorkCalendar {
  isWorkday(day: DayKey): boolean;
  /** Why a day is off: '国庆节', '周末'; undefined on a working day. */
  offReason(day: DayKey): string | undefined;
  /** Years whose holiday notice the data holds. */
  knownYears(): number[];
}

type Table = Record<string, string>;

/** "National Day,国庆节,3" → "国庆节". */
const chineseName = (entry: string) => entry.split(',')[1] ?? entry;

function weekday(day: DayKey): number {
  const { year, month, day: d } = parseDayKey(day);
  return new Date(Date.UTC(year, month - 1, d)).getUTCDay();
}

export function workCalendarFrom(tables: { holidays: Table; workdays: Table }): WorkCalendar {
  const years = [...new Set(Object.keys(tables.holidays).map((k) => Number(k.slice(0, 4))))].sort((a, b) => a - b);
  return {
    isWorkday(day) {
      if (tables.workdays[day]) return true;
      if (tables.holidays[day]) return false;
      const w = weekday(day);
      return w !== 0 && w !== 6;
    },
    offReason(day) {
      if (tables.workdays[day]) return undefined;
      if (tables.holidays[day]) return chineseName(tables.holidays[day]);
      const w = weekday(day);
      return w === 0 || w === 6 ? '周末' : undefined;
    },
    knownYears: () => years,
  };
}

export const CHINA_WORKDAYS: WorkCalendar = workCalendarFrom(data as { holidays: Table; workdays: Table });

/** The day itself when it is a working day, else the nearest working day before (direction −1) or after (+1). */
export function nearestWorkday(cal: WorkCalendar, day: DayKey, direction: -1 | 1): DayKey {
  let d = day;
  // Longest run of days off is the 8–9 day 春节/国庆 break; 31 is a safe bound against bad data.
  for (let i = 0; i < 31 && !cal.isWorkday(d); i++) d = addDays(d, direction);
  return d;
}

/** The warning to log (and print) when the running year, or the next one late in the year, has no holiday data. */
export function holidayDataWarning(cal: WorkCalendar, today: DayKey): string | undefined {
  const { year, month } = parseDayKey(today);
  const known = cal.knownYears();
  const missing = [year, ...(month === 12 ? [year + 1] : [])].filter((y) => !known.includes(y));
  if (!missing.length) return undefined;
  return `节假日数据缺少 ${missing.join('、')} 年（chinese-days 已有 ${known[0]}–${known[known.length - 1]} 年）：这些年份的提醒只避开周六、周日，不认法定节假日和调休。国务院办公厅公布放假安排后请升级 chinese-days（npm install chinese-days@latest --save-exact）。`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "周三" */
export function weekdayName(day: DayKey): string {
  return `周${WEEKDAYS[weekday(day)]}`;
}
