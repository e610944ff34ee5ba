// Wall-clock helpers for Asia/Shanghai. China has had no DST since 1991, so a fixed +08:00 offset is
// exact and avoids depending on the ICU time-zone data of whatever Node build runs the bot.

export const SHANGHAI_TZ = 'Asia/Shanghai';
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface ShanghaiParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** Calendar day in Shanghai as `YYYY-MM-DD`; the unit in which deadlines and reminder slots are keyed. */
export type DayKey = string;

export function shanghaiParts(date: Date): ShanghaiParts {
  // Shift the instant by +8 h and read the UTC fields: they are then the Shanghai wall clock.
  const d = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** The instant at which the Shanghai wall clock shows the given time. Out-of-range fields roll over (Date.UTC). */
export function shanghaiDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MS);
}

export function startOfDayShanghai(date: Date): Date {
  const p = shanghaiParts(date);
  return shanghaiDate(p.year, p.month, p.day);
}

/** Truncate to the whole minute (scheduler ticks and reminder slots are per minute). */
export function floorToMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / MINUTE_MS) * MINUTE_MS);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function toDayKey(year: number, month: number, day: number): DayKey {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export function shanghaiDayKey(date: Date): DayKey {
  const p = shanghaiParts(date);
  return toDayKey(p.year, p.month, p.day);
}

export function parseDayKey(key: DayKey): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new Error(`invalid day key: ${key}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (shanghaiDayKey(shanghaiDate(year, month, day)) !== key) throw new Error(`invalid day key: ${key}`);
  return { year, month, day };
}

/** Midnight (Shanghai) that starts the given day. */
export function dayKeyStart(key: DayKey): Date {
  const { year, month, day } = parseDayKey(key);
  return shanghaiDate(year, month, day);
}

export function addDays(key: DayKey, days: number): DayKey {
  const { year, month, day } = parseDayKey(key);
  return shanghaiDayKey(shanghaiDate(year, month, day + days));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: DayKey, b: DayKey): number {
  return Math.round((dayKeyStart(b).getTime() - dayKeyStart(a).getTime()) / DAY_MS);
}

function partsOf(value: Date | DayKey): { month: number; day: number } {
  return typeof value === 'string' ? parseDayKey(value) : shanghaiParts(value);
}

/**
 * "2月21日"; with `spaced` "2 月 21 日" (the spacing used in message headings, see conversations.md).
 */
export function formatMonthDay(value: Date | DayKey, opts: { spaced?: boolean } = {}): string {
  const { month, day } = partsOf(value);
  return opts.spaced ? `${month} 月 ${day} 日` : `${month}月${day}日`;
}

/** "11月30日 18:00" */
export function formatMonthDayTime(date: Date): string {
  const p = shanghaiParts(date);
  return `${p.month}月${p.day}日 ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** "2025-02-14 09:00" — for logs, exports and CLI output. */
export function formatDateTime(date: Date): string {
  const p = shanghaiParts(date);
  return `${toDayKey(p.year, p.month, p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

export interface QuietHours {
  /** Hour at which quiet time starts (inclusive), default 22. */
  startHour: number;
  /** Hour at which sending may resume (exclusive end of quiet time), default 7. */
  endHour: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { startHour: 22, endHour: 7 };

/**
 * Earliest instant ≥ `at` outside quiet hours (22:00–07:00 Shanghai by default). Non-urgent pushes wait;
 * urgent ones (重大事故隐患) must not call this.
 */
export function nextAllowedSendTime(at: Date, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date {
  const p = shanghaiParts(at);
  const { startHour, endHour } = quiet;
  const wrapsMidnight = startHour > endHour;
  const inQuiet = wrapsMidnight
    ? p.hour >= startHour || p.hour < endHour
    : p.hour >= startHour && p.hour < endHour;
  if (!inQuiet) return at;
  // Quiet time that began the evening before ends today; quiet time that began tonight ends tomorrow.
  const endsTomorrow = wrapsMidnight && p.hour >= startHour;
  return shanghaiDate(p.year, p.month, p.day + (endsTomorrow ? 1 : 0), endHour, 0);
}
