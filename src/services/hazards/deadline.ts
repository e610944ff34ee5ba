import { shanghaiDate, shanghaiParts, DAY_MS, HOUR_MS } from '../time';
import type { RiskColour } from '../checklist/types';
import { DEFAULT_DEADLINE_HOURS } from './hazard.types';

export function deadlineHours(unitSettings: string | null): Record<RiskColour, number> {
  try {
    const parsed = unitSettings ? JSON.parse(unitSettings) : {};
    return { ...DEFAULT_DEADLINE_HOURS, ...(parsed.deadlineHours ?? {}) };
  } catch {
    return DEFAULT_DEADLINE_HOURS;
  }
}

const CN_NUM: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const REL_DAY: Record<string, number> = { 今天: 0, 今日: 0, 今晚: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };

/**
 * A deadline as people type it: 今天/明天/后天/大后天 [18点|18:00], 3天, 24小时, 一周, 两周, 周五, 下周五, 下周,
 * 月底, 下月底, 年底, 11月30日, 12月20号, 12-01, 2025-12-01 [18:00]; a trailing 前/之前/以内 is ignored.
 * Dates without a time mean 18:00 that day (end of the working day). Returns undefined when not a deadline.
 * Every pattern is anchored and has no nested repetition: linear in the (short) input.
 */
export function parseDeadline(input: string, now: number): number | undefined {
  const s = input.trim().slice(0, 40).replace(/(?:之前|以前|前|以内|为止)$/, '');
  const p = shanghaiParts(new Date(now));
  const at = (y: number, m: number, d: number, h = 18, mi = 0) => shanghaiDate(y, m, d, h, mi).getTime();
  const dayPlus = (days: number, h = 18, mi = 0) => {
    const q = shanghaiParts(new Date(now + days * DAY_MS));
    return at(q.year, q.month, q.day, h, mi);
  };
  let m = /^(今天|今日|今晚|明天|明日|后天|大后天)(?:(\d{1,2})(?:[点:：时](\d{2})?分?)?)?$/.exec(s);
  if (m) return dayPlus(REL_DAY[m[1]], m[2] ? Number(m[2]) : 18, m[3] ? Number(m[3]) : 0);
  m = /^([0-9]+|[一两二三四五六七八九十])\s*个?\s*(天|日|小时|h|d|周|星期|礼拜)(内|后)?$/i.exec(s);
  if (m) {
    const n = CN_NUM[m[1]] ?? Number(m[1]);
    const unit = m[2].toLowerCase();
    if (unit === '小时' || unit === 'h') return now + n * HOUR_MS;
    if (unit === '周' || unit === '星期' || unit === '礼拜') return now + n * 7 * DAY_MS;
    return now + n * DAY_MS;
  }
  if (s === '一周' || s === '1周' || s === '下周' || s === '下星期') return dayPlus(7);
  // 周五 = the coming Friday (today if it is Friday); 下周五 = Friday of next week (weeks start on Monday).
  m = /^(下下|下个?|本|这个?)?(?:周|星期|礼拜)([一二三四五六日天1-7])$/.exec(s);
  if (m) {
    const today = p.weekday === 0 ? 7 : p.weekday;
    const target = WEEKDAY[m[2]];
    const weeks = m[1]?.startsWith('下下') ? 2 : m[1]?.startsWith('下') ? 1 : 0;
    let days = target - today + weeks * 7;
    if (!m[1] && days < 0) days += 7;
    return dayPlus(days);
  }
  m = /^(本|这个?|下个?)?月(底|末)$/.exec(s);
  if (m) {
    const next = m[1]?.startsWith('下') ? 1 : 0;
    const endOf = (y: number, mo: number) => at(y, mo, new Date(Date.UTC(y, mo, 0)).getUTCDate());
    const y = p.year + Math.floor((p.month - 1 + next) / 12);
    const mo = ((p.month - 1 + next) % 12) + 1;
    const t = endOf(y, mo);
    return t > now || next ? t : endOf(p.month === 12 ? p.year + 1 : p.year, (p.month % 12) + 1);
  }
  if (s === '年底' || s === '年末' || s === '今年底') return at(p.year, 12, 31);
  m = /^(?:(\d{4})[-/年.])?(\d{1,2})[-/月.](\d{1,2})[日号]?(?:\s*(\d{1,2})[:：点](\d{2})?)?$/.exec(s);
  if (m) {
    const y = m[1] ? Number(m[1]) : p.year;
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    const hh = m[4] ? Number(m[4]) : 18;
    const mm = m[5] ? Number(m[5]) : 0;
    let t = at(y, month, day, hh, mm);
    if (!m[1] && t < now - DAY_MS) t = at(y + 1, month, day, hh, mm);
    return t;
  }
  return undefined;
}
