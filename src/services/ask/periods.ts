// The query's period slot → [from, to) in Asia/Shanghai, the one before it (for 比上期), and the buckets of a
// by-week or by-month series. A current period ends "now", as /进度's do.
import { DAY_MS, shanghaiDate, shanghaiParts } from '../time';
import { mondayOf, periodOf, WEEK_MS } from '../summary/period';

export interface Range {
  from: number;
  to: number;
  /** 本月 · 11月 · 2026年第三季度 · 今天 */
  label: string;
}

const QN = ['第一季度', '第二季度', '第三季度', '第四季度'];
const day = (now: number) => {
  const p = shanghaiParts(new Date(now));
  return shanghaiDate(p.year, p.month, p.day).getTime();
};
const monthStart = (y: number, m: number) => shanghaiDate(y, m, 1).getTime();

export function rangeOf(period: string, now: number): Range {
  const { year } = shanghaiParts(new Date(now));
  const cap = (r: Range): Range => ({ ...r, to: Math.min(r.to, now) });
  switch (period) {
    case 'today': return { from: day(now), to: now, label: '今天' };
    case 'yesterday': return { from: day(now) - DAY_MS, to: day(now), label: '昨天' };
    case 'this_week': return { ...periodOf('week', now), label: '本周' };
    case 'last_week': return { ...periodOf('last_week', now), label: '上周' };
    case 'this_month': return { ...periodOf('month', now), label: '本月' };
    case 'this_quarter': return { ...periodOf('quarter', now), label: '本季度' };
    case 'this_year': return { ...periodOf('year', now), label: '今年' };
  }
  const p = shanghaiParts(new Date(now));
  if (period === 'last_month') return { ...rangeOf(`${p.month === 1 ? year - 1 : year}-${String(p.month === 1 ? 12 : p.month - 1).padStart(2, '0')}`, now), label: '上个月' };
  if (period === 'last_quarter') {
    const q = Math.floor((p.month - 1) / 3);
    return { ...rangeOf(q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`, now), label: '上季度' };
  }
  if (period === 'last_year') return { ...rangeOf(String(year - 1), now), label: '去年' };
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return cap({ from: monthStart(y, mo), to: mo === 12 ? monthStart(y + 1, 1) : monthStart(y, mo + 1), label: `${y === year ? '' : `${y}年`}${mo}月` });
  }
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return cap({ from: monthStart(y, q * 3 - 2), to: q === 4 ? monthStart(y + 1, 1) : monthStart(y, q * 3 + 1), label: `${y === year ? '' : `${y}年`}${QN[q - 1]}` });
  }
  m = /^(\d{4})$/.exec(period);
  if (m) return cap({ from: monthStart(Number(m[1]), 1), to: monthStart(Number(m[1]) + 1, 1), label: `${m[1]}年` });
  throw new Error(`unknown period ${period}`);
}

/** The period just before, of the same kind and length (a week before a week, a month before a month). */
export function previousOf(period: string, now: number): Range {
  const r = rangeOf(period, now);
  const { year, month } = shanghaiParts(new Date(r.from));
  if (/week$/.test(period)) return { from: r.from - WEEK_MS, to: r.from - WEEK_MS + (r.to - r.from), label: period === 'this_week' ? '上周同期' : '上上周' };
  if (period === 'today' || period === 'yesterday') return { from: r.from - DAY_MS, to: r.to - DAY_MS, label: period === 'today' ? '昨天同期' : '前天' };
  // Past periods are whole: capping them at now changes nothing.
  const whole = (key: string) => rangeOf(key, now);
  const span = r.to - r.from;
  let prev: Range;
  if (/month$|^\d{4}-\d{2}$/.test(period)) prev = whole(`${month === 1 ? year - 1 : year}-${String(month === 1 ? 12 : month - 1).padStart(2, '0')}`);
  else if (/quarter$|Q\d$/.test(period)) {
    const q = Math.floor((month - 1) / 3);
    prev = whole(q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`);
  } else prev = whole(String(year - 1));
  // A current period so far is set beside the same stretch of the one before (12/1–12/3 against 11/1–11/3).
  const sameStretch = r.to >= now;
  return sameStretch ? { from: prev.from, to: Math.min(prev.to, prev.from + span), label: `${prev.label}同期` } : prev;
}

/** Calendar months or Monday weeks covering a range: labels and [from, to) bounds. */
export function buckets(r: Range, by: 'week' | 'month'): { label: string; from: number; to: number }[] {
  const out: { label: string; from: number; to: number }[] = [];
  if (by === 'week') {
    for (let at = mondayOf(r.from); at < r.to && out.length < 60; at += WEEK_MS) {
      const p = shanghaiParts(new Date(at));
      out.push({ label: `${p.month}/${p.day}`, from: Math.max(at, r.from), to: Math.min(at + WEEK_MS, r.to) });
    }
    return out;
  }
  let { year: y, month: m } = shanghaiParts(new Date(r.from));
  for (let at = monthStart(y, m); at < r.to && out.length < 36;) {
    const next = m === 12 ? monthStart(y + 1, 1) : monthStart(y, m + 1);
    out.push({ label: `${m}月`, from: Math.max(at, r.from), to: Math.min(next, r.to) });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    at = next;
  }
  return out;
}

const RELATIVE = ['this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_year'] as const;

/**
 * The relative key a dated period means today, when it runs exactly the same range and has exactly the same
 * period before it (2026 → this_year, 2026-Q3 → last_quarter on 2026-12-03); any other period as it is. Only the
 * label differs ("2026年" / "今年"): the executor reads the range, the previous range and, for filings, the year
 * or quarter, and all three agree.
 */
export function sameRangeKey(period: string, now: number): string {
  if (!/^\d{4}/.test(period)) return period;
  const r = rangeOf(period, now);
  const p = previousOf(period, now);
  for (const key of RELATIVE) {
    const a = rangeOf(key, now);
    const b = previousOf(key, now);
    if (a.from === r.from && a.to === r.to && b.from === p.from && b.to === p.to) return key;
  }
  return period;
}
