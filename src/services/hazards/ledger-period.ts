import { shanghaiDate, shanghaiParts } from '../time';

/** A period people ask for: 本月, 上月, 11月, 2025-11, 本季度, 2025Q3, 第三季度, 本年, 2025. Returns [from, to) in ms. */
export function parsePeriod(input: string, now: number): { from: number; to: number; label: string } | undefined {
  const s = input.trim().replace(/\s+/g, '');
  const p = shanghaiParts(new Date(now));
  const month = (y: number, m: number) => ({ from: shanghaiDate(y, m, 1).getTime(), to: shanghaiDate(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1).getTime(), label: `${y}年${m}月` });
  const quarter = (y: number, q: number) => ({ from: shanghaiDate(y, q * 3 - 2, 1).getTime(), to: shanghaiDate(q === 4 ? y + 1 : y, q === 4 ? 1 : q * 3 + 1, 1).getTime(), label: `${y}年第${q}季度` });
  const year = (y: number) => ({ from: shanghaiDate(y, 1, 1).getTime(), to: shanghaiDate(y + 1, 1, 1).getTime(), label: `${y}年` });
  if (!s || s === '本年' || s === '今年') return year(p.year);
  if (s === '本月') return month(p.year, p.month);
  if (s === '上月') return p.month === 1 ? month(p.year - 1, 12) : month(p.year, p.month - 1);
  if (s === '本季度') return quarter(p.year, Math.ceil(p.month / 3));
  let m = /^(?:(\d{4})[-年/])?(\d{1,2})月?$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && (m[1] || s.endsWith('月'))) return month(m[1] ? Number(m[1]) : p.year, Number(m[2]));
  m = /^(?:(\d{4})年?)?(?:Q([1-4])|第([一二三四1-4])季度)$/i.exec(s);
  if (m) return quarter(m[1] ? Number(m[1]) : p.year, Number(m[2] ?? ({ 一: 1, 二: 2, 三: 3, 四: 4 } as Record<string, number>)[m[3]] ?? m[3]));
  m = /^(\d{4})年?$/.exec(s);
  if (m) return year(Number(m[1]));
  return undefined;
}
