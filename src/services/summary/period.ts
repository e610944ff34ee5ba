// The periods a leader asks about, as [from, to) instants in Asia/Shanghai. A current period ends "now" (progress
// so far); 上周 is the closed Monday–Sunday week the Monday digest reports on.
import { DAY_MS, shanghaiDate, shanghaiDayKey, shanghaiParts } from '../time';

export type PeriodKey = 'week' | 'last_week' | 'month' | 'quarter' | 'year';

export interface Period {
  key: PeriodKey;
  /** For headings: 本周 · 上周 · 11月 · 第四季度 · 2025年. */
  label: string;
  /** "11/24–11/27": the days covered, for the digest heading and the chart. */
  range: string;
  from: number;
  to: number;
}

const WORDS: Record<string, PeriodKey> = {
  本周: 'week', 这周: 'week', 这一周: 'week', week: 'week',
  上周: 'last_week', 上一周: 'last_week', lastweek: 'last_week',
  本月: 'month', 这个月: 'month', 当月: 'month', month: 'month',
  本季度: 'quarter', 本季: 'quarter', 这个季度: 'quarter', quarter: 'quarter',
  本年: 'year', 今年: 'year', 本年度: 'year', 全年: 'year', year: 'year',
};

export const PERIOD_WORDS = '本周|上周|本月|本季度|本年';

export function parsePeriodWord(word: string): PeriodKey | undefined {
  return WORDS[word.trim().toLowerCase()];
}

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 (Shanghai) of the week containing `at`. */
export function mondayOf(at: number): number {
  const p = shanghaiParts(new Date(at));
  return shanghaiDate(p.year, p.month, p.day - ((p.weekday + 6) % 7)).getTime();
}

const md = (at: number) => {
  const p = shanghaiParts(new Date(at));
  return `${p.month}/${p.day}`;
};

/** "11/24–11/30", both ends inclusive (the end is the last instant before `to`). */
export function rangeText(from: number, to: number): string {
  return `${md(from)}–${md(Math.max(from, to - 1))}`;
}

export function periodOf(key: PeriodKey, now: number): Period {
  const p = shanghaiParts(new Date(now));
  const make = (label: string, from: number, to: number): Period => ({ key, label, from, to, range: rangeText(from, to) });
  switch (key) {
    case 'week':
      return make('本周', mondayOf(now), now);
    case 'last_week': {
      const to = mondayOf(now);
      return make('上周', to - WEEK_MS, to);
    }
    case 'month':
      return make(`${p.month}月`, shanghaiDate(p.year, p.month, 1).getTime(), now);
    case 'quarter': {
      const q = Math.floor((p.month - 1) / 3);
      return make(QUARTERS[q], shanghaiDate(p.year, q * 3 + 1, 1).getTime(), now);
    }
    case 'year':
      return make(`${p.year}年`, shanghaiDate(p.year, 1, 1).getTime(), now);
  }
}

/** The chart's weekly trend: whole Monday-weeks ending with the one containing the period's end, 8 to 13 of them. */
export function trendWeeks(period: Period): { from: number; to: number; labels: string[] } {
  const lastMonday = mondayOf(Math.max(period.from, period.to - 1));
  const span = Math.ceil((lastMonday + WEEK_MS - mondayOf(period.from)) / WEEK_MS);
  const n = Math.min(13, Math.max(8, span));
  const from = lastMonday - (n - 1) * WEEK_MS;
  const labels = Array.from({ length: n }, (_, i) => md(from + i * WEEK_MS));
  return { from, to: period.to, labels };
}

/** The digest's identity: the Monday (YYYY-MM-DD) that starts the week being reported on. */
export function weekKey(period: Period): string {
  return shanghaiDayKey(new Date(period.from));
}

export { WEEK_MS };
