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

/**
 * A deadline as people type it: 今天/明天/后天, 3天, 24小时, 一周, 11月30日, 12-01, 2025-12-01 [18:00].
 * Dates without a time mean 18:00 that day (end of the working day). Returns undefined when not a deadline.
 */
export function parseDeadline(input: string, now: number): number | undefined {
  const s = input.trim();
  const p = shanghaiParts(new Date(now));
  const at = (y: number, m: number, d: number, h = 18, mi = 0) => shanghaiDate(y, m, d, h, mi).getTime();
  const rel: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2 };
  if (s in rel) {
    const base = new Date(now + rel[s] * DAY_MS);
    const q = shanghaiParts(base);
    return at(q.year, q.month, q.day);
  }
  let m = /^([0-9]+|[一两二三四五六七八九十])\s*(天|日|小时|h|d|周|星期)(内|后)?$/i.exec(s);
  if (m) {
    const n = CN_NUM[m[1]] ?? Number(m[1]);
    const unit = m[2].toLowerCase();
    if (unit === '小时' || unit === 'h') return now + n * HOUR_MS;
    if (unit === '周' || unit === '星期') return now + n * 7 * DAY_MS;
    return now + n * DAY_MS;
  }
  if (s === '一周' || s === '1周') return now + 7 * DAY_MS;
  m = /^(?:(\d{4})[-/年])?(\d{1,2})[-/月](\d{1,2})日?(?:\s*(\d{1,2})[:：](\d{2}))?$/.exec(s);
  if (m) {
    const y = m[1] ? Number(m[1]) : p.year;
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    let t = at(y, month, day, m[4] ? Number(m[4]) : 18, m[5] ? Number(m[5]) : 0);
    if (!m[1] && t < now - DAY_MS) t = at(y + 1, month, day, m[4] ? Number(m[4]) : 18, m[5] ? Number(m[5]) : 0);
    return t;
  }
  return undefined;
}
