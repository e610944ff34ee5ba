// Time words → the query's period slot (this_month, last_week, 2026-03, 2026-Q2, 2025…), relative to "now".
import { shanghaiParts } from '../time';
import { chineseToNumber } from '../summary/numbers';

export interface PeriodHit {
  period: string;
  /** Where it starts, for ordering "11月…跟10月比": a sortable key (year * 100 + month-ish). */
  order: number;
  at: number;
  end: number;
}

const CN = '[一二三四五六七八九十两]+';
const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : chineseToNumber(s));
const pad = (n: number) => String(n).padStart(2, '0');

interface Rule {
  re: RegExp;
  make(m: RegExpExecArray, year: number, month: number): { period: string; order: number } | null;
}

/** A year said in digits: this year reads as 今年 (the same range, capped at now), any other year is absolute. */
function yearKey(y: number, now: number): { period: string; order: number } {
  return { period: y === now ? 'this_year' : String(y), order: y * 100 };
}
function monthKey(y: number, m: number) {
  return m >= 1 && m <= 12 ? { period: `${y}-${pad(m)}`, order: y * 100 + m } : null;
}
function quarterKey(y: number, q: number) {
  return q >= 1 && q <= 4 ? { period: `${y}-Q${q}`, order: y * 100 + q * 3 } : null;
}
const quarter = (s: string) => ({ 一: 1, 二: 2, 三: 3, 四: 4 } as Record<string, number>)[s] ?? Number(s);

/** Longest and most specific first: "去年12月" before "去年" and "12月". */
function rules(): Rule[] {
  const rel = (period: string, order: (y: number, m: number) => number): Rule['make'] => (_m, y, mo) => ({ period, order: order(y, mo) });
  const q = (mo: number) => Math.floor((mo - 1) / 3) + 1;
  return [
    { re: /(\d{4})年?(?:第)?([1-4一二三四])季度?/g, make: (m) => quarterKey(Number(m[1]), quarter(m[2])) },
    // 2025年Q4, 2025Q4, 2025-q4 (the text is lower case by now).
    { re: /(\d{4})\s*[-年.]?\s*q([1-4])/gi, make: (m) => quarterKey(Number(m[1]), Number(m[2])) },
    { re: /(\d{4})\s*[-年.]\s*(\d{1,2})月?份?/g, make: (m) => monthKey(Number(m[1]), Number(m[2])) },
    { re: new RegExp(`(\\d{4})年(${CN})月份?`, 'g'), make: (m) => monthKey(Number(m[1]), num(m[2])) },
    { re: /(\d{4})年(?:度)?/g, make: (m, y) => yearKey(Number(m[1]), y) },
    { re: new RegExp(`(今年|去年|本年)?(?<![上下这本])(?:第)?([1-4一二三四])季度`, 'g'), make: (m, y) => quarterKey(m[1] === '去年' ? y - 1 : y, quarter(m[2])) },
    { re: /(今年|去年)?Q([1-4])/gi, make: (m, y) => quarterKey(m[1] === '去年' ? y - 1 : y, Number(m[2])) },
    { re: new RegExp(`(今年|去年)?(?<![个上这本每各几])(\\d{1,2}|${CN})月份?(?!份?[之以]?[前后内])`, 'g'), make: (m, y, mo) => {
      const month = num(m[2]);
      // A month later than this one, said without a year, is last year's.
      const year = m[1] === '去年' ? y - 1 : m[1] === '今年' ? y : month > mo ? y - 1 : y;
      return monthKey(year, month);
    } },
    { re: /今天|今日|当天/g, make: rel('today', (y, m) => y * 100 + m + 0.9) },
    { re: /昨天|昨日|昨儿个?|昨个/g, make: rel('yesterday', (y, m) => y * 100 + m + 0.8) },
    { re: /上上周|上上个?星期/g, make: () => null },
    { re: /上一?周|上个?星期|上个?礼拜/g, make: rel('last_week', (y, m) => y * 100 + m + 0.5) },
    { re: /本周|这一?周|这个?星期|近一周|最近一周|近7天|近七天|这个?礼拜|本礼拜/g, make: rel('this_week', (y, m) => y * 100 + m + 0.7) },
    { re: /上个?月|上一个?月/g, make: rel('last_month', (y, m) => y * 100 + m - 1) },
    { re: /本月|这个?月|当月|本月份/g, make: rel('this_month', (y, m) => y * 100 + m) },
    { re: /上个?季度|上一个?季度|上季/g, make: rel('last_quarter', (y, m) => y * 100 + q(m) * 3 - 3) },
    { re: /本季度?|这个?季度|当季/g, make: rel('this_quarter', (y, m) => y * 100 + q(m) * 3) },
    { re: /前年/g, make: (_m, y) => yearKey(y - 2, y) },
    { re: /去年|上一?年度?/g, make: rel('last_year', (y) => (y - 1) * 100) },
    { re: /今年以来|年初以来|年初至今|今年|本年度?|全年/g, make: rel('this_year', (y) => y * 100) },
  ];
}

const RULES = rules();

/**
 * "跟前一个月比": the period before the one named, whatever it is. It makes a comparison but names no period of
 * its own, so the named one stays the current one (unlike "比上个月", which names the earlier one).
 */
export const BEFORE_WORDS = /(?:跟|和|与|同|比)?(?:前一个?|再上一?个?|上一个?(?=期))(?:月|季度?|周|星期|礼拜|年|期)/g;

/** Every period word, in text order, none overlapping another. */
export function periodHits(text: string, now: number): PeriodHit[] {
  const { year, month } = shanghaiParts(new Date(now));
  const taken: [number, number][] = [];
  const hits: PeriodHit[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const at = m.index;
      const end = at + m[0].length;
      if (taken.some(([a, b]) => at < b && end > a)) continue;
      taken.push([at, end]);
      const made = rule.make(m, year, month);
      if (made) hits.push({ ...made, at, end });
    }
  }
  return hits.sort((a, b) => a.at - b.at);
}

/** "上个月" asked beside a comparison means "this month against the last". */
export const THIS_OF: Record<string, string> = { last_week: 'this_week', last_month: 'this_month', last_quarter: 'this_quarter', last_year: 'this_year', yesterday: 'today' };
