import { describe, expect, it } from 'vitest';
import {
  FORMS,
  FORM_IDS,
  cellsSuppliedBy,
  listCells,
  listFields,
  parseCellId,
  type FormId,
} from '../../src/services/quarterly/fields.js';
import { foldName } from '../../src/services/quarterly/normalize.js';
import { readSeedForms } from '../helpers/quarterly-seed.js';

const seed = readSeedForms();
const ANNEX: Record<FormId, '附件3' | '附件4' | '附件5' | '附件6'> = { f3: '附件3', f4: '附件4', f5: '附件5', f6: '附件6' };

describe('quarterly catalogue: counts against the seed', () => {
  it.each([
    // form, sheet columns, fields, cells per unit
    ['f3', 32, 31, 34],
    ['f4', 23, 19, 34],
    ['f5', 30, 29, 29],
    ['f6', 50, 49, 49],
  ] as const)('%s has %i columns, %i fields, %i cells', (id, columns, fields, cells) => {
    expect(FORMS[id].columnCount).toBe(columns);
    expect(FORMS[id].fields).toHaveLength(fields);
    expect(listCells(id)).toHaveLength(cells);
    // the seed's last header row and its first data row are full width
    expect(seed[ANNEX[id]].rows[2]).toHaveLength(columns);
    expect(seed[ANNEX[id]].rows[3]).toHaveLength(columns);
  });

  it('附件3: 20 unit columns and 自评/星级 once per unit (outside 达标类型), 达标评审 per 达标类型 row', () => {
    const cells = listCells('f3');
    // 自评企业 and the six 星级 columns are one cell per unit: a school can be counted once, never three times.
    expect(cells.filter((c) => !c.dim)).toHaveLength(27);
    for (const k of ['f3.self_assessed', 'f3.star_total', 'f3.star_1']) {
      expect(parseCellId(k)).toBeDefined();
      expect(parseCellId(`${k}@国标`)).toBeUndefined();
    }
    expect(cells.filter((c) => c.dim === '国标')).toHaveLength(3);
    expect(cells.filter((c) => c.dim === '省标')).toHaveLength(3);
    expect(cells.filter((c) => c.dim === '地标').map((c) => c.field.key)).toEqual(['f3.grade_ungraded']);
    // seed: the 地标 row has 8 cells after 地标 (30 in all), the 国标 row 10 (32 in all)
    expect(seed['附件3'].rows[5]).toHaveLength(30);
  });

  it('附件4: 十佳 has 市级 and 县级 only; 千企 and 宣传发动 are one cell per unit', () => {
    const cells = listCells('f4').map((c) => c.id);
    expect(cells).toContain('f4.top10_towns@县级');
    expect(cells).not.toContain('f4.top10_towns@乡级');
    expect(cells.filter((id) => id.startsWith('f4.posts_'))).toHaveLength(12);
    expect(cells.filter((id) => !id.includes('@'))).toHaveLength(11);
  });

  it('every sheet-row-3 label of the seed is the leaf of the field in that column', () => {
    for (const id of FORM_IDS) {
      const row3 = seed[ANNEX[id]].rows[2];
      for (const f of FORMS[id].fields) {
        if (f.columns[0] !== f.columns[1]) continue;
        const seedLabel = row3[f.columns[0] - 1];
        if (seedLabel) expect(f.labelPath[f.labelPath.length - 1], `${f.key}`).toBe(seedLabel);
        else expect(f.labelPath.length, `${f.key} has no row-3 label, so it ends higher up`).toBeLessThan(3);
      }
    }
  });

  it('every label in a field path occurs in the seed header of its form', () => {
    for (const id of FORM_IDS) {
      const labels = new Set(seed[ANNEX[id]].rows.slice(0, 3).flat());
      for (const f of FORMS[id].fields) for (const l of f.labelPath) expect(labels, `${f.key}: ${l}`).toContain(l);
    }
  });
});

describe('quarterly catalogue: field metadata', () => {
  it('keys are unique and carry their form; short and chat labels are unique within a form', () => {
    const keys = listFields().map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const id of FORM_IDS) {
      const fields = FORMS[id].fields;
      expect(fields.every((f) => f.key.startsWith(`${id}.`) && f.form === id)).toBe(true);
      expect(new Set(fields.map((f) => f.short)).size).toBe(fields.length);
      expect(new Set(fields.map((f) => f.chat)).size).toBe(fields.length);
    }
  });

  it('no alias or label names two fields of the same form', () => {
    for (const id of FORM_IDS) {
      const owner = new Map<string, string>();
      for (const f of FORMS[id].fields) {
        for (const name of new Set([f.short, f.chat, ...f.aliases].map(foldName))) {
          expect(owner.get(name), `${name}: ${owner.get(name)} and ${f.key}`).toBeUndefined();
          owner.set(name, f.key);
        }
      }
    }
  });

  it('reads 企业 as 学校 in chat labels of 附件3-5, not in 附件6', () => {
    expect(parseCellId('f3.risk_red')!.field.chat).toBe('红色风险学校');
    expect(parseCellId('f5.enf_inspected')!.field.chat).toBe('检查学校');
    expect(parseCellId('f6.base_factory')!.field.chat).toBe('小生产加工企业');
  });

  it('counting periods follow the seed notes', () => {
    const period = (key: string) => parseCellId(key)!.field.period;
    expect(period('f3.base_total')).toBe('base-2024');
    expect(period('f3.duty_list')).toBe('since-2021-08');
    expect(period('f3.hazard_selfcheck')).toBe('since-2025-01');
    expect(period('f3.hazard_rectified')).toBe('since-2025-01');
    expect(parseCellId('f3.grade_level1@国标')!.field.period).toBe('since-2021-08');
    expect(parseCellId('f3.self_assessed')!.field.period).toBe('since-2025-01');
    expect(parseCellId('f3.star_total')!.field.period).toBe('since-2024-04');
    expect(listFields('f4').every((f) => f.period === 'since-2025-01')).toBe(true);
    expect(listFields('f5').every((f) => f.period === 'since-2025-01')).toBe(true);
    expect(period('f6.base_school')).toBe('base-2024');
    expect(period('f6.duty_list')).toBe('since-2024-02');
    expect(period('f6.hazard_selfcheck')).toBe('since-2025-01');
    expect(period('f6.std_reviewed')).toBe('since-2024-02');
    expect(period('f6.std_self')).toBe('since-2025-01');
    expect(period('f6.enf_fine_amount')).toBe('since-2025-01');
  });

  it('enforcement is the district bureau’s, what a school knows about itself is the school’s', () => {
    const district = (id: FormId) => listFields(id).filter((f) => f.supplier === 'district').map((f) => f.key);
    expect(listFields('f5').filter((f) => f.key.startsWith('f5.enf_')).every((f) => f.supplier === 'district')).toBe(true);
    expect(district('f3')).toEqual(['f3.base_total', 'f3.base_large', 'f3.base_medium', 'f3.base_small']);
    expect(listFields('f6').every((f) => f.supplier === 'district')).toBe(true);
    expect(parseCellId('f5.report_hazards')!.field.supplier).toBe('school');
  });

  it('units: money in 万元, documents in 份, the rest as the header says', () => {
    expect(listFields().filter((f) => f.unit === '万元').map((f) => f.key)).toEqual([
      'f5.enf_fine_amount', 'f5.assess_reward_money', 'f5.report_reward_money', 'f6.enf_fine_amount',
    ]);
    expect(listFields('f5').filter((f) => f.unit === '份')).toHaveLength(4);
    expect(parseCellId('f5.enf_judicial')!.field.unit).toBe('人次');
    expect(parseCellId('f4.training_sessions')!.field.unit).toBe('场次');
  });

  it('names the ledger figure the bot can propose', () => {
    const ledger = Object.fromEntries(listFields().filter((f) => f.ledger).map((f) => [f.key, f.ledger]));
    expect(ledger).toMatchObject({
      'f3.hazard_selfcheck': 'hazards_found',
      'f3.hazard_rectified': 'hazards_rectified',
      'f3.risk_red': 'risk_red',
      'f3.risk_blue': 'risk_blue',
      'f5.enf_major_hazards': 'major_hazards',
      'f5.report_hazards': 'hazards_reported',
    });
    expect(ledger['f6.hazard_selfcheck']).toBeUndefined();
  });
});

describe('quarterly cells', () => {
  it('parses cell ids and refuses ones that do not fit the field', () => {
    expect(parseCellId('f3.grade_level1@国标')).toMatchObject({ dim: '国标', field: { key: 'f3.grade_level1' } });
    expect(parseCellId('f3.grade_level1@地标')).toBeUndefined();
    expect(parseCellId('f3.grade_level1')).toBeUndefined();
    expect(parseCellId('f3.hazard_selfcheck@国标')).toBeUndefined();
    expect(parseCellId('f3.nope')).toBeUndefined();
  });

  it('lists the cells each filer enters', () => {
    expect(cellsSuppliedBy('school', 'f3')).toHaveLength(30);
    expect(cellsSuppliedBy('district', 'f3')).toHaveLength(4);
    expect(cellsSuppliedBy('school', 'f6')).toHaveLength(0);
    expect(cellsSuppliedBy('city-school')).toHaveLength(34 + 34 + 29);
  });
});
