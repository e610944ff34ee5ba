import { describe, expect, it } from 'vitest';
import { QUANZHOU_CALENDAR } from '../../../../src/services/deadlines/calendar';
import { resolveFiling } from '../../../../src/services/deadlines/filing-alias';
import { shanghaiDate } from '../../../../src/services/time';

const at = (y: number, m: number, d: number) => shanghaiDate(y, m, d, 10);
const resolve = (text: string, when: Date) => {
  const r = resolveFiling(QUANZHOU_CALENDAR, text, when);
  return r.ok ? `${r.deadline.key} ${r.occurrence.date} ${r.occurrence.period}` : r.reason;
};

describe('resolveFiling (/已报送 <事项>)', () => {
  it('maps the short words to the nearest occurrence', () => {
    expect(resolve('方案', at(2025, 2, 10))).toBe('plan 2025-02-21 2025');
    expect(resolve('季报', at(2025, 4, 20))).toBe('q1 2025-04-01 2025Q1'); // late Q1 filing
    expect(resolve('季报', at(2025, 6, 20))).toBe('q2 2025-07-01 2025Q2'); // early Q2 filing
    expect(resolve('季报', at(2025, 12, 20))).toBe('annual 2026-01-01 2025');
    expect(resolve('年报', at(2026, 1, 3))).toBe('annual 2026-01-01 2025');
  });

  it('honours an explicit period', () => {
    expect(resolve('季报 2025Q3', at(2025, 12, 20))).toBe('q3 2025-10-01 2025Q3');
    expect(resolve('季报 第二季度', at(2025, 12, 20))).toBe('q2 2025-07-01 2025Q2');
    expect(resolve('季报 Q4', at(2025, 12, 20))).toBe('annual 2026-01-01 2025');
  });

  it('refuses unknown words and untracked stage ends', () => {
    expect(resolve('督导帮扶', at(2025, 9, 1))).toBe('unknown');
    expect(resolve('随便', at(2025, 9, 1))).toBe('unknown');
    const r = resolveFiling(QUANZHOU_CALENDAR, '随便', at(2025, 9, 1));
    expect(r.ok ? [] : r.known).toEqual(['方案', '自评', '季报', '年报']);
  });
});
