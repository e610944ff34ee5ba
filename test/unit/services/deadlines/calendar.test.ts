import { describe, expect, it } from 'vitest';
import { filersOf, findDeadline, occurrenceIn, occurrencesBetween, QUANZHOU_CALENDAR, yearWithoutPlan, type Deadline } from '../../../../src/services/deadlines/calendar';
import { shanghaiDate } from '../../../../src/services/time';

const get = (key: string): Deadline => {
  const d = findDeadline(QUANZHOU_CALENDAR, key);
  if (!d) throw new Error(`no deadline ${key}`);
  return d;
};

describe('QUANZHOU_CALENDAR (programme.md "Deadlines")', () => {
  it('has the dates of the 2025 plan (seed §三, §四(五)), each with its years and plan year', () => {
    const rows = QUANZHOU_CALENDAR.map((d) => `${d.key} ${occurrenceIn(d, d.firstYear)?.date} ${d.kind} ${d.firstYear}–${d.lastYear ?? '…'} plan ${d.planYear}`);
    expect(rows).toEqual([
      'plan 2025-02-21 filing 2025–2025 plan 2025',
      'self-assessment 2025-03-20 filing 2025–2025 plan 2025',
      'school-self-assessment 2025-03-31 filing 2025–2025 plan 2025',
      'q1 2025-04-01 filing 2025–… plan 2025',
      'q2 2025-07-01 filing 2025–… plan 2025',
      'q3 2025-10-01 filing 2025–… plan 2025',
      'q4 2026-01-01 filing 2026–… plan 2025',
      'q1-school 2025-03-28 filing 2025–… plan 2025',
      'q2-school 2025-06-28 filing 2025–… plan 2025',
      'q3-school 2025-09-28 filing 2025–… plan 2025',
      'q4-school 2025-12-28 filing 2025–… plan 2025',
      'annual 2026-01-01 filing 2026–… plan 2025',
      'stage-self-review 2025-03-31 stage-end 2025–2025 plan 2025',
      'stage-supervision 2025-09-30 stage-end 2025–2025 plan 2025',
      'stage-enforcement 2025-11-30 stage-end 2025–2025 plan 2025',
      'stage-summary 2025-12-31 stage-end 2025–2025 plan 2025',
    ]);
  });

  it('names the audience and the document of every duty as the seed does', () => {
    const docs = (key: string) => get(key).duties.map((x) => `${x.filer}:${x.document ?? '-'}`);
    expect(docs('plan')).toEqual(['district:方案', 'city_school:方案', 'school:承诺书']);
    expect(get('plan').duties[2].action).toContain('一式四份');
    expect(get('plan').duties[2].action).toContain('县（市、区）教育局备案');
    expect(get('plan').duties[2].action).toContain('本校 {year} 年标准化创建、运行、改进、提升计划');
    expect(docs('self-assessment')).toEqual(['district:评估报告', 'city_school:评估报告']);
    // 学校自评报告: 3月底, to the school's own staff (「向本校教职员工通报」), tracked, nobody above chases it.
    expect(docs('school-self-assessment')).toEqual(['school:自评报告']);
    expect(get('school-self-assessment')).toMatchObject({ monthDay: '03-31', tracked: true, escalates: false });
    expect(get('school-self-assessment').duties[0].to).toBe('本校教职员工');
    expect(docs('q2')).toEqual(['district:季报', 'city_school:季报']);
    expect(docs('q4')).toEqual(['district:季报', 'city_school:季报']);
    expect(docs('annual')).toEqual(['district:年报', 'city_school:年报']);
    expect(docs('q3-school')).toEqual(['school:季报']);
    expect(filersOf(get('stage-self-review'))).toEqual(['district', 'city_school']);
    expect(filersOf(get('stage-enforcement'))).toEqual(['district']);
    expect(QUANZHOU_CALENDAR.filter((d) => !d.tracked).every((d) => d.kind === 'stage-end')).toBe(true);
  });

  it('maps quarterly deadlines to their quarter; 季报 and 年度工作总结 are separate filings on 1/1', () => {
    expect(occurrenceIn(get('q1'), 2025)).toMatchObject({ date: '2025-04-01', period: '2025Q1', quarter: '2025Q1', title: '报送 2025 年第一季度工作总结及季报表' });
    expect(occurrenceIn(get('q2'), 2025)).toMatchObject({ period: '2025Q2' });
    expect(occurrenceIn(get('q3'), 2025)).toMatchObject({ period: '2025Q3' });
    expect(occurrenceIn(get('q4'), 2026)).toMatchObject({ date: '2026-01-01', period: '2025Q4', quarter: '2025Q4', title: '报送 2025 年第四季度工作总结及季报表' });
    const annual = occurrenceIn(get('annual'), 2026)!;
    expect(annual).toMatchObject({ date: '2026-01-01', period: '2025', title: '报送 2025 年度工作总结' });
    expect(annual.quarter).toBeUndefined();
    expect(occurrenceIn(get('annual'), 2025)).toBeUndefined();
    // A school's figures concern the quarter still running, due before the district's.
    expect(occurrenceIn(get('q1-school'), 2026)).toMatchObject({ date: '2026-03-28', quarter: '2026Q1', title: '填报本校 2026 年第一季度季报数据' });
    expect(occurrenceIn(get('q4-school'), 2025)).toMatchObject({ date: '2025-12-28', quarter: '2025Q4' });
  });

  it('ends the one-off 2025 duties in 2025; the standing 季报 and 年报 go on', () => {
    const in2027 = QUANZHOU_CALENDAR.filter((d) => occurrenceIn(d, 2027)).map((d) => d.key);
    expect(in2027).toEqual(['q1', 'q2', 'q3', 'q4', 'q1-school', 'q2-school', 'q3-school', 'q4-school', 'annual']);
    expect(occurrencesBetween(get('plan'), shanghaiDate(2025, 1, 1), shanghaiDate(2027, 12, 31)).map((o) => o.title)).toEqual(['报送 2025 年具体方案']);
    expect(occurrencesBetween(get('q1'), shanghaiDate(2027, 1, 1), shanghaiDate(2027, 12, 31)).map((o) => o.period)).toEqual(['2027Q1']);
    expect(yearWithoutPlan(QUANZHOU_CALENDAR, 2025)).toBeUndefined();
    expect(yearWithoutPlan(QUANZHOU_CALENDAR, 2027)).toEqual({ latest: 2025 });
  });

  it('bounds are inclusive Shanghai days, and lastYear stops the repeat', () => {
    const plan = get('plan');
    // 2025-02-21 00:00 Shanghai is 2025-02-20 16:00 UTC
    expect(occurrencesBetween(plan, new Date('2025-02-20T16:00:00Z'), new Date('2025-02-20T16:00:00Z'))).toHaveLength(1);
    expect(occurrencesBetween(plan, new Date('2025-02-20T15:59:59Z'), new Date('2025-02-20T15:59:59Z'))).toHaveLength(0);
    const once: Deadline = { ...get('q1'), key: 'once', lastYear: 2025 };
    expect(occurrencesBetween(once, shanghaiDate(2025, 1, 1), shanghaiDate(2030, 1, 1))).toHaveLength(1);
  });
});
