import { describe, expect, it } from 'vitest';
import { CHINA_WORKDAYS, holidayDataWarning, nearestWorkday, weekdayName, workCalendarFrom } from '../../../../src/services/deadlines/workdays';
import { calendarWarnings } from '../../../../src/services/deadlines/coverage';
import { QUANZHOU_CALENDAR } from '../../../../src/services/deadlines/calendar';
import { shanghaiDate } from '../../../../src/services/time';

describe('working days from chinese-days', () => {
  it('knows 2026: 国庆 and 春节 off, 调休 weekends on, plain weekends off', () => {
    expect(CHINA_WORKDAYS.knownYears()).toContain(2026);
    expect(CHINA_WORKDAYS.isWorkday('2026-10-03')).toBe(false);
    expect(CHINA_WORKDAYS.offReason('2026-10-03')).toBe('国庆节');
    expect(CHINA_WORKDAYS.isWorkday('2026-10-10')).toBe(true); // Saturday, 调休
    expect(CHINA_WORKDAYS.isWorkday('2026-02-17')).toBe(false); // 春节
    expect(CHINA_WORKDAYS.isWorkday('2026-03-07')).toBe(false);
    expect(CHINA_WORKDAYS.offReason('2026-03-07')).toBe('周末');
    expect(nearestWorkday(CHINA_WORKDAYS, '2026-10-03', -1)).toBe('2026-09-30');
    expect(nearestWorkday(CHINA_WORKDAYS, '2026-10-03', 1)).toBe('2026-10-08');
    expect(weekdayName('2026-10-10')).toBe('周六');
  });

  it('warns when the running year (or next year, in December) has no holiday data', () => {
    const only2026 = workCalendarFrom({ holidays: { '2026-10-01': 'National Day,国庆节,3' }, workdays: {} });
    expect(holidayDataWarning(only2026, '2026-06-01')).toBeUndefined();
    expect(holidayDataWarning(only2026, '2026-12-01')).toContain('缺少 2027 年');
    expect(holidayDataWarning(only2026, '2027-01-05')).toContain('npm install chinese-days@latest');
  });

  it('warns at start when the year has no plan of its own', () => {
    expect(calendarWarnings(QUANZHOU_CALENDAR, CHINA_WORKDAYS, shanghaiDate(2025, 6, 1).getTime())).toEqual([]);
    const w = calendarWarnings(QUANZHOU_CALENDAR, CHINA_WORKDAYS, shanghaiDate(2027, 2, 1).getTime());
    expect(w.join('\n')).toContain('没有 2027 年方案的事项：只按 2025 年方案中每年都有的事项（季报、年报）提醒');
    expect(w.join('\n')).toContain('节假日数据缺少 2027 年');
  });
});
