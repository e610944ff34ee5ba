import { describe, expect, it } from 'vitest';
import { filersOf, findDeadline, occurrenceIn, occurrencesBetween, QUANZHOU_CALENDAR, type Deadline } from '../../../../src/services/deadlines/calendar';
import { shanghaiDate } from '../../../../src/services/time';

const get = (key: string): Deadline => {
  const d = findDeadline(QUANZHOU_CALENDAR, key);
  if (!d) throw new Error(`no deadline ${key}`);
  return d;
};

describe('QUANZHOU_CALENDAR (programme.md "Deadlines")', () => {
  it('has the 2025 dates of the plan', () => {
    const firstDates = QUANZHOU_CALENDAR.map((d) => `${d.key} ${occurrenceIn(d, d.firstYear)?.date} ${d.kind}`);
    expect(firstDates).toEqual([
      'plan 2025-02-21 filing',
      'self-assessment 2025-03-20 filing',
      'q1 2025-04-01 filing',
      'q2 2025-07-01 filing',
      'q3 2025-10-01 filing',
      'annual 2026-01-01 filing',
      'stage-supervision 2025-09-30 stage-end',
      'stage-enforcement 2025-11-30 stage-end',
      'stage-summary 2025-12-31 stage-end',
    ]);
  });

  it('names who files: schools too for the plan (承诺书) and the self-assessment, districts for stage ends', () => {
    expect(filersOf(get('plan'))).toEqual(['district', 'city_school', 'school']);
    expect(filersOf(get('self-assessment'))).toEqual(['district', 'city_school', 'school']);
    expect(filersOf(get('q2'))).toEqual(['district', 'city_school']);
    expect(filersOf(get('stage-enforcement'))).toEqual(['district']);
    expect(QUANZHOU_CALENDAR.filter((d) => !d.tracked).map((d) => d.kind)).toEqual(['stage-end', 'stage-end', 'stage-end']);
  });

  it('maps quarterly deadlines to the quarter just ended', () => {
    expect(occurrenceIn(get('q1'), 2025)).toMatchObject({ date: '2025-04-01', period: '2025Q1', quarter: '2025Q1', title: '报送 2025 年第一季度工作总结及季报表' });
    expect(occurrenceIn(get('q2'), 2025)).toMatchObject({ period: '2025Q2' });
    expect(occurrenceIn(get('q3'), 2025)).toMatchObject({ period: '2025Q3' });
    // 1/1 covers last year's Q4 forms plus the annual summary
    expect(occurrenceIn(get('annual'), 2026)).toMatchObject({ date: '2026-01-01', period: '2025', quarter: '2025Q4', title: '报送 2025 年度工作总结及报表' });
    expect(occurrenceIn(get('annual'), 2025)).toBeUndefined();
  });

  it('repeats yearly into 2026 with the year filled in', () => {
    const plan = get('plan');
    const occ = occurrencesBetween(plan, shanghaiDate(2025, 1, 1), shanghaiDate(2026, 12, 31));
    expect(occ.map((o) => [o.date, o.title])).toEqual([
      ['2025-02-21', '报送 2025 年具体方案'],
      ['2026-02-21', '报送 2026 年具体方案'],
    ]);
    const q1in2027 = occurrencesBetween(get('q1'), shanghaiDate(2027, 1, 1), shanghaiDate(2027, 12, 31));
    expect(q1in2027.map((o) => o.period)).toEqual(['2027Q1']);
  });

  it('bounds are inclusive Shanghai days, and lastYear stops the repeat', () => {
    const plan = get('plan');
    // 2025-02-21 00:00 Shanghai is 2025-02-20 16:00 UTC
    expect(occurrencesBetween(plan, new Date('2025-02-20T16:00:00Z'), new Date('2025-02-20T16:00:00Z'))).toHaveLength(1);
    expect(occurrencesBetween(plan, new Date('2025-02-20T15:59:59Z'), new Date('2025-02-20T15:59:59Z'))).toHaveLength(0);
    const once: Deadline = { ...plan, key: 'once', lastYear: 2025 };
    expect(occurrencesBetween(once, shanghaiDate(2025, 1, 1), shanghaiDate(2030, 1, 1))).toHaveLength(1);
  });
});
