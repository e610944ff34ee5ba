import { describe, expect, it } from 'vitest';
import { aggregateDistrict, buildCityRows, sumValues } from '../../src/services/quarterly/aggregate.js';
import { cellsSuppliedBy, listCells } from '../../src/services/quarterly/fields.js';
import { validateSubmission } from '../../src/services/quarterly/validate.js';

const m = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('aggregateDistrict', () => {
  const schoolA = m({ 'f3.hazard_selfcheck': 12, 'f3.hazard_rectified': 10, 'f3.grade_level1@国标': 1, 'f5.assess_reward_money': 0.1, 'f3.base_total': 99 });
  const schoolB = m({ 'f3.hazard_selfcheck': 3, 'f3.hazard_rectified': 3, 'f5.assess_reward_money': 0.2 });
  const district = m({ 'f3.base_total': 32, 'f5.enf_fine_amount': 1.5, 'f3.hazard_selfcheck': 500 });

  it('sums school cells over the schools and takes district cells from the district only', () => {
    const out = aggregateDistrict({ schools: [schoolA, schoolB], district });
    expect(out.get('f3.hazard_selfcheck')).toBe(15);
    expect(out.get('f3.hazard_rectified')).toBe(13);
    expect(out.get('f3.grade_level1@国标')).toBe(1);
    expect(out.get('f3.base_total')).toBe(32);
    expect(out.get('f5.enf_fine_amount')).toBe(1.5);
  });

  it('adds money to the cent', () => {
    expect(aggregateDistrict({ schools: [schoolA, schoolB], district }).get('f5.assess_reward_money')).toBe(0.3);
    expect(sumValues([m({ 'f6.enf_fine_amount': 0.07 }), m({ 'f6.enf_fine_amount': 0.01 })]).get('f6.enf_fine_amount')).toBe(0.08);
  });

  it('leaves a cell nobody has filed absent, so validation lists it', () => {
    const out = aggregateDistrict({ schools: [schoolA], district, formId: 'f3' });
    expect(out.has('f3.star_total')).toBe(false);
    expect(out.has('f5.enf_fine_amount')).toBe(false);
    const missing = validateSubmission(out, { formId: 'f3' })[0].cells;
    expect(missing).toContain('f3.star_total');
  });

  it('gives a complete district form when every school and the district have filed', () => {
    const school = new Map(cellsSuppliedBy('school').map((c) => [c.id, 1]));
    const own = new Map(cellsSuppliedBy('district').map((c) => [c.id, 0]));
    const out = aggregateDistrict({ schools: [school, school, school], district: own });
    expect(out.size).toBe(listCells().length);
    expect(out.get('f3.risk_units')).toBe(3);
    expect(out.get('f6.base_total')).toBe(0);
  });
});

describe('buildCityRows', () => {
  const districts = [
    { rowLabel: '鲤城区', values: m({ 'f3.hazard_selfcheck': 10, 'f5.enf_fine_amount': 0.15 }) },
    { rowLabel: '丰泽区', values: m({ 'f3.hazard_selfcheck': 5, 'f5.enf_fine_amount': 0.3 }) },
  ];
  const cityRunSchools = [
    { rowLabel: '泉州第一中学', values: m({ 'f3.hazard_selfcheck': 2 }) },
    { rowLabel: '泉州第五中学', values: m({ 'f3.hazard_selfcheck': 1 }) },
  ];

  it('puts each 市属学校 first, then each district, then the total', () => {
    const rows = buildCityRows({ districts, cityRunSchools });
    expect(rows.map((r) => r.rowLabel)).toEqual(['泉州第一中学', '泉州第五中学', '鲤城区', '丰泽区', '合计']);
    expect(rows[4].values.get('f3.hazard_selfcheck')).toBe(18);
    expect(rows[4].values.get('f5.enf_fine_amount')).toBe(0.45);
  });

  it('can fold the 市属学校 into one 市直单位 row and leave the total out', () => {
    const rows = buildCityRows({ districts, cityRunSchools, combineCityRun: true, totalLabel: null });
    expect(rows.map((r) => r.rowLabel)).toEqual(['市直单位', '鲤城区', '丰泽区']);
    expect(rows[0].values.get('f3.hazard_selfcheck')).toBe(3);
  });
});
