import { describe, expect, it } from 'vitest';
import { QUANZHOU_CALENDAR } from '../../src/services/deadlines/calendar';
import { currentFiling, dueEnd, dueText, filingOf, parseQuarter, periodStart, quarterBounds, quarterName, shiftQuarter } from '../../src/services/quarterly/period';
import { parseQuarterlyArgs } from '../../src/bot/commands/quarterly.commands';
import { shanghaiDate } from '../../src/services/time';

const sh = (y: number, m: number, d: number, h = 10) => shanghaiDate(y, m, d, h).getTime();

describe('quarters', () => {
  it('reads the ways people write a quarter and refuses the rest', () => {
    for (const s of ['2025Q1', '2025q1', '2025-Q1', '2025年第一季度', '2025年一季度', '2025第1季度', '２０２５Q1']) expect(parseQuarter(s), s).toBe('2025Q1');
    for (const s of ['2025Q5', 'Q1', '2025', '第一季度', '2025年13月']) expect(parseQuarter(s), s).toBeUndefined();
  });

  it('bounds a quarter in Shanghai time and names it', () => {
    expect(quarterBounds('2025Q1')).toEqual({ start: Date.parse('2024-12-31T16:00:00Z'), end: Date.parse('2025-03-31T16:00:00Z') });
    expect(quarterBounds('2025Q4').end).toBe(Date.parse('2025-12-31T16:00:00Z'));
    expect(quarterName('2025Q3')).toBe('2025年第三季度');
    expect(shiftQuarter('2025Q1', -1)).toBe('2024Q4');
    expect(shiftQuarter('2025Q4', 1)).toBe('2026Q1');
    expect(periodStart('since-2025-01')).toBe(Date.parse('2024-12-31T16:00:00Z'));
    expect(periodStart('base-2024')).toBeNull();
  });

  it('finds each quarter’s deadline in the calendar: 4/1 covers Q1, 1/1 the previous Q4', () => {
    expect(filingOf(QUANZHOU_CALENDAR, '2025Q1')).toEqual({ quarter: '2025Q1', deadlineKey: 'q1', due: '2025-04-01' });
    expect(filingOf(QUANZHOU_CALENDAR, '2025Q3')).toEqual({ quarter: '2025Q3', deadlineKey: 'q3', due: '2025-10-01' });
    expect(filingOf(QUANZHOU_CALENDAR, '2025Q4')).toEqual({ quarter: '2025Q4', deadlineKey: 'q4', due: '2026-01-01' });
    // Before the programme there is no deadline; the seed's rule still gives the day.
    expect(filingOf(QUANZHOU_CALENDAR, '2024Q4')).toEqual({ quarter: '2024Q4', due: '2025-01-01' });
    expect(dueEnd(filingOf(QUANZHOU_CALENDAR, '2025Q1'))).toBe(sh(2025, 4, 2, 0));
  });

  it('picks the quarter being filed by the nearest due day, as /已报送 季报 does', () => {
    const at = (y: number, m: number, d: number) => currentFiling(QUANZHOU_CALENDAR, sh(y, m, d)).quarter;
    expect(at(2025, 3, 25)).toBe('2025Q1');
    expect(at(2025, 4, 20)).toBe('2025Q1'); // late
    expect(at(2025, 6, 20)).toBe('2025Q2'); // early
    expect(at(2026, 1, 20)).toBe('2025Q4'); // the q4 filing on 1/1 carries Q4
    expect(at(2026, 3, 20)).toBe('2026Q1');
    expect(at(2025, 1, 20)).toBe('2025Q1'); // 2024Q4 had no deadline
  });

  it('moves on once a past-due quarter is submitted, never to a quarter not yet started', () => {
    expect(currentFiling(QUANZHOU_CALENDAR, sh(2025, 4, 5), (q) => q === '2025Q1').quarter).toBe('2025Q2');
    expect(currentFiling(QUANZHOU_CALENDAR, sh(2025, 3, 30), (q) => q === '2025Q1').quarter).toBe('2025Q1');
  });

  it('says how long is left', () => {
    const f = filingOf(QUANZHOU_CALENDAR, '2025Q1');
    expect(dueText(f, sh(2025, 3, 27))).toBe('4月1日截止，还有 5 天');
    expect(dueText(f, sh(2025, 4, 1, 23))).toBe('4月1日截止，今天截止');
    expect(dueText(f, sh(2025, 4, 4))).toBe('4月1日截止，已过截止 3 天');
  });
});

describe('/季报 arguments', () => {
  it('separates quarter, sub-command and unit from the values', () => {
    expect(parseQuarterlyArgs('')).toEqual({ text: '' });
    expect(parseQuarterlyArgs('自查隐患数量 = 12 整改隐患数量＝10')).toEqual({ text: '自查隐患数量=12 整改隐患数量=10' });
    expect(parseQuarterlyArgs('导出 2025Q1')).toEqual({ sub: 'export', quarter: '2025Q1', text: '' });
    expect(parseQuarterlyArgs('撤回 东海中学')).toEqual({ sub: 'withdraw', unitName: '东海中学', text: '' });
    expect(parseQuarterlyArgs('东海中学 自查隐患数量=3')).toEqual({ unitName: '东海中学', text: '自查隐患数量=3' });
    expect(parseQuarterlyArgs('其余填 0')).toEqual({ sub: 'zero', text: '' });
    expect(parseQuarterlyArgs('附件6 罚款金额=0.5')).toEqual({ text: '附件6 罚款金额=0.5' });
  });
});
