import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatDateTime,
  formatMonthDay,
  formatMonthDayTime,
  nextAllowedSendTime,
  shanghaiDate,
  shanghaiDayKey,
  shanghaiParts,
  startOfDayShanghai,
} from '../../../src/services/time';

describe('Shanghai time helpers (+08:00, no DST)', () => {
  it('reads wall-clock parts across the UTC date line', () => {
    expect(shanghaiParts(new Date('2025-02-13T16:30:00Z'))).toMatchObject({ year: 2025, month: 2, day: 14, hour: 0, minute: 30, weekday: 5 });
    expect(shanghaiDate(2025, 2, 21, 9, 0).toISOString()).toBe('2025-02-21T01:00:00.000Z');
    expect(startOfDayShanghai(new Date('2025-02-21T15:59:59Z')).toISOString()).toBe('2025-02-20T16:00:00.000Z');
    expect(shanghaiDayKey(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });

  it('does day arithmetic on calendar days', () => {
    expect(addDays('2025-02-21', -7)).toBe('2025-02-14');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2025-02-14', '2025-02-21')).toBe(7);
  });

  it('formats dates the way messages show them', () => {
    expect(formatMonthDay('2025-02-21')).toBe('2月21日');
    expect(formatMonthDay(shanghaiDate(2025, 11, 30), { spaced: true })).toBe('11 月 30 日');
    expect(formatMonthDayTime(shanghaiDate(2025, 11, 30, 18, 0))).toBe('11月30日 18:00');
    expect(formatDateTime(shanghaiDate(2025, 2, 14, 9, 5))).toBe('2025-02-14 09:05');
  });

  it('nextAllowedSendTime waits out 22:00–07:00', () => {
    const at = (h: number, m = 0) => shanghaiDate(2025, 2, 14, h, m);
    expect(nextAllowedSendTime(at(21, 59))).toEqual(at(21, 59));
    expect(nextAllowedSendTime(at(22, 0))).toEqual(shanghaiDate(2025, 2, 15, 7, 0));
    expect(nextAllowedSendTime(at(23, 30))).toEqual(shanghaiDate(2025, 2, 15, 7, 0));
    expect(nextAllowedSendTime(at(3, 0))).toEqual(at(7, 0));
    expect(nextAllowedSendTime(at(7, 0))).toEqual(at(7, 0));
    expect(nextAllowedSendTime(shanghaiDate(2025, 12, 31, 22, 30))).toEqual(shanghaiDate(2026, 1, 1, 7, 0));
  });
});
