import { describe, expect, it } from 'vitest';
import { QUANZHOU_CALENDAR } from '../../../../src/services/deadlines/calendar';
import { formatCalendarErrors, parseCalendarYaml, serializeCalendarYaml } from '../../../../src/services/deadlines/calendar-file';

const ROW = (over: string) => `
- key: extra
  date: 05-10
  first_year: 2025
  kind: filing
  tracked: true
  alias: 检查
  title: 报送检查表
  due: 检查表
  duties:
    - filer: district
      action: 报送检查表
      to: 市教育局安全科
${over}`;

describe('calendar file (YAML)', () => {
  it('round-trips the built-in calendar', () => {
    const parsed = parseCalendarYaml(serializeCalendarYaml(QUANZHOU_CALENDAR));
    expect(parsed).toEqual({ ok: true, calendar: QUANZHOU_CALENDAR });
  });

  it('accepts a top-level list and fills defaults', () => {
    const parsed = parseCalendarYaml(ROW(''));
    expect(parsed.ok && parsed.calendar[0]).toMatchObject({ key: 'extra', monthDay: '05-10', aliases: [], covers: 'current-year' });
  });

  it('reports errors by row and line and imports nothing', () => {
    const text = `deadlines:${ROW('').replace(/^/gm, '  ')}${ROW('').replace('date: 05-10', 'date: 5/10').replace(/^/gm, '  ')}${ROW('').replace('date: 05-10', 'date: 02-29').replace('tracked: true', 'tracked: true\n  last_year: 2024').replace(/^/gm, '  ')}`;
    const parsed = parseCalendarYaml(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'date'],
      [3, 'date'],
      [3, 'last_year'],
      [3, 'key'],
    ]);
    expect(parsed.errors[0].line).toBe(15);
    expect(formatCalendarErrors(parsed.errors)).toContain('第 3 项（第 28 行） extra key：与第 1 项重复');
  });

  it('rejects a tracked stage end and unknown placeholders', () => {
    const bad = ROW('').replace('kind: filing', 'kind: stage-end').replace('title: 报送检查表', 'title: 报送 {month} 检查表');
    const parsed = parseCalendarYaml(bad);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.field)).toEqual(['tracked', 'title']);
  });

  it('reports YAML syntax errors with a line', () => {
    const parsed = parseCalendarYaml('deadlines: [\n');
    expect(parsed.ok ? undefined : parsed.errors[0]).toMatchObject({ row: 0, line: expect.any(Number) });
  });
});
