import { describe, expect, it } from 'vitest';
import { mondayOf, parsePeriodWord, periodOf, trendWeeks, weekKey } from '../../../../src/services/summary/period';
import { digestDue } from '../../../../src/services/summary/digest';
import { shanghaiDate } from '../../../../src/services/time';

const sh = (m: number, d: number, h = 0, min = 0) => shanghaiDate(2025, m, d, h, min).getTime();
const NOW = sh(11, 27, 10); // a Thursday

describe('summary periods (Asia/Shanghai)', () => {
  it('starts each period at local midnight and ends it now', () => {
    expect(periodOf('week', NOW)).toMatchObject({ from: sh(11, 24), to: NOW, label: '本周', range: '11/24–11/27' });
    expect(periodOf('month', NOW)).toMatchObject({ from: sh(11, 1), to: NOW, label: '11月' });
    expect(periodOf('quarter', NOW)).toMatchObject({ from: sh(10, 1), label: '第四季度' });
    expect(periodOf('year', NOW)).toMatchObject({ from: sh(1, 1), label: '2025年' });
    expect(periodOf('last_week', NOW)).toMatchObject({ from: sh(11, 17), to: sh(11, 24), range: '11/17–11/23' });
  });

  it('finds Monday from Sunday night and Monday morning alike (UTC is still the day before)', () => {
    expect(mondayOf(sh(11, 30, 23, 59))).toBe(sh(11, 24));
    expect(mondayOf(sh(12, 1, 0, 30))).toBe(sh(12, 1));
    expect(weekKey(periodOf('last_week', sh(12, 1, 8, 30)))).toBe('2025-11-24');
  });

  it('reads the period words', () => {
    expect(parsePeriodWord('本季度')).toBe('quarter');
    expect(parsePeriodWord('今年')).toBe('year');
    expect(parsePeriodWord('Week')).toBe('week');
    expect(parsePeriodWord('东海中学')).toBeUndefined();
  });

  it('draws 8 to 13 whole weeks ending with the period', () => {
    const month = trendWeeks(periodOf('month', NOW));
    expect(month.labels).toHaveLength(8);
    expect(month.labels.at(-1)).toBe('11/24');
    expect(month.from).toBe(sh(10, 6));
    expect(trendWeeks(periodOf('year', NOW)).labels).toHaveLength(13);
    expect(trendWeeks(periodOf('quarter', NOW)).labels[0]).toBe('9/29');
  });

  it('sends the digest from Monday 08:30 until 20:00 only', () => {
    expect(digestDue(sh(12, 1, 8, 29))).toBe(false);
    expect(digestDue(sh(12, 1, 8, 30))).toBe(true);
    expect(digestDue(sh(12, 1, 19, 59))).toBe(true);
    expect(digestDue(sh(12, 1, 20, 0))).toBe(false);
    expect(digestDue(sh(12, 2, 8, 30))).toBe(false);
  });
});
