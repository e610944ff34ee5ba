import { describe, expect, it } from 'vitest';
import { QUANZHOU_CALENDAR, findDeadline } from '../../../../src/services/deadlines/calendar';
import { escalationParent, filerKindOf, filingUnits, owes, shortName } from '../../../../src/services/deadlines/audience';
import { parseAddition } from '../../../../src/bot/commands/deadline.command';
import type { Unit } from '../../../../entities/unit.entity';

const u = (id: number, name: string, kind: Unit['kind'], parentId: number | null): Unit => ({ id, name, kind, parentId, settings: null, createdAt: 0 });
const UNITS = [
  u(1, '泉州市教育局', 'city', null),
  u(2, '丰泽区教育局', 'district', 1),
  u(3, '泉州市丰泽区东海中学', 'school', 2),
  u(4, '泉州市第五中学', 'school', 1),
];
const dir = { all: () => UNITS, get: (id: number | null | undefined) => UNITS.find((x) => x.id === id), city: () => UNITS[0] };
const dl = (key: string) => findDeadline(QUANZHOU_CALENDAR, key)!;

describe('who files what', () => {
  it('tells districts, 市属学校 and schools apart', () => {
    expect(UNITS.map((x) => filerKindOf(x, dir))).toEqual(['city', 'district', 'school', 'city_school']);
  });

  it('every school signs the 承诺书; quarterly forms are for districts and 市属学校; stage ends for districts', () => {
    expect(filingUnits(dl('plan'), dir).map((f) => f.unit.id)).toEqual([2, 3, 4]);
    expect(filingUnits(dl('q1'), dir).map((f) => f.unit.id)).toEqual([2, 4]);
    expect(filingUnits(dl('stage-enforcement'), dir).map((f) => f.unit.id)).toEqual([2]);
    // A 市属学校 owes every-school duties even where it has no duty of its own.
    expect(owes({ ...dl('plan'), duties: [{ filer: 'school', action: 'x', to: '' }] }, 'city_school')).toBe(true);
    expect(owes(dl('q1'), 'school')).toBe(false);
    // The school 自评报告 reaches every school and 市属学校, never a district.
    expect(filingUnits(dl('school-self-assessment'), dir).map((f) => f.unit.id)).toEqual([3, 4]);
    // The schools' 季报 figures are collected by a district; a 市属学校 files its 季报 to the city instead.
    expect(filingUnits(dl('q1-school'), dir).map((f) => f.unit.id)).toEqual([3]);
  });

  it('escalates a school to its district, a district and a 市属学校 to the city', () => {
    expect(escalationParent(UNITS[2], dir)?.id).toBe(2);
    expect(escalationParent(UNITS[1], dir)?.id).toBe(1);
    expect(escalationParent(UNITS[3], dir)?.id).toBe(1);
  });

  it('shortens a school name inside its district only', () => {
    expect(UNITS.map((x) => shortName(x, dir))).toEqual(['泉州市教育局', '丰泽区教育局', '东海中学', '泉州市第五中学']);
  });
});

describe('/截止 新增 syntax', () => {
  it('builds a tracked filing for districts and 市属学校 by default', () => {
    const d = parseAddition(['06-30', '防溺水专项总结'], QUANZHOU_CALENDAR, 2025);
    expect(d).toMatchObject({ key: 'c0630', monthDay: '06-30', firstYear: 2025, kind: 'filing', tracked: true, alias: '防溺水专项总结' });
    expect(d.duties).toEqual([
      { filer: 'district', action: '向市教育局安全科报送「防溺水专项总结」', to: '市教育局安全科', document: '其他' },
      { filer: 'city_school', action: '向市教育局安全科报送「防溺水专项总结」', to: '市教育局安全科', document: '其他' },
    ]);
    expect(d).toMatchObject({ planYear: 2025, escalates: true });
  });

  it('reads flags and options, and a stage end is never tracked', () => {
    const d = parseAddition(['7-5', '安全自查', '不跟踪', '报送=学校', '简称=自查'], QUANZHOU_CALENDAR, 2026);
    expect(d).toMatchObject({ monthDay: '07-05', tracked: false, alias: '自查', duties: [{ filer: 'school', to: '所在县（市、区）教育局' }] });
    expect(parseAddition(['08-31', '暑期专项'], [...QUANZHOU_CALENDAR, { ...d, key: 'c0831' }], 2026).key).toBe('c0831-2');
    expect(parseAddition(['12-01', '冬季攻坚', '阶段'], QUANZHOU_CALENDAR, 2026)).toMatchObject({ kind: 'stage-end', tracked: false, duties: [{ filer: 'district', to: '' }] });
  });

  it('refuses what it cannot use, saying what to type', () => {
    expect(() => parseAddition(['02-29', 'x'], QUANZHOU_CALENDAR, 2025)).toThrow('不是每年都有的日期');
    expect(() => parseAddition(['06-30'], QUANZHOU_CALENDAR, 2025)).toThrow('用法');
    expect(() => parseAddition(['06-30', 'x', '报送=省'], QUANZHOU_CALENDAR, 2025)).toThrow('只能写 区、市属、学校');
    expect(() => parseAddition(['06-30', 'x', '简称=季报'], QUANZHOU_CALENDAR, 2025)).toThrow('已被');
    expect(() => parseAddition(['06-30', 'x', '马上'], QUANZHOU_CALENDAR, 2025)).toThrow('看不懂「马上」');
  });
});
