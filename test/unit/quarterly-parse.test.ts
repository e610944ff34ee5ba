import { describe, expect, it } from 'vitest';
import { findField, parseAssignments, type LookupOptions } from '../../src/services/quarterly/fields.js';

const key = (query: string, opts?: LookupOptions) => {
  const r = findField(query, opts);
  return r.kind === 'found' ? r.field.key : r.kind;
};

describe('findField', () => {
  it('resolves a key, a header label, a short label, a chat label and an alias', () => {
    expect(key('f3.hazard_selfcheck')).toBe('f3.hazard_selfcheck');
    expect(key('F5.ENF_FINE_AMOUNT')).toBe('f5.enf_fine_amount');
    expect(key('自查隐患数量（条）', { formId: 'f3' })).toBe('f3.hazard_selfcheck');
    expect(key('红色风险企业')).toBe('f3.risk_red');
    expect(key('红色风险学校')).toBe('f3.risk_red');
    expect(key('自查')).toBe('f3.hazard_selfcheck');
    expect(key('网吧')).toBe('f6.base_netbar');
    expect(key('５s')).toBe('f3.site_5s');
  });

  it('takes a name unique by containment', () => {
    expect(key('应急救援队伍人员')).toBe('f3.rescue_people');
    expect(key('巾帼')).toBe('f4.posts_women');
    expect(key('网格员检查')).toBe('f5.norm_grid');
  });

  it('returns the candidates when a name fits several fields', () => {
    const r = findField('企业数量');
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    expect(r.candidates.map((f) => f.key)).toEqual(
      expect.arrayContaining(['f3.lists_units', 'f3.risk_units', 'f3.rescue_units', 'f5.assess_units']),
    );
    expect(findField('自查隐患数量').kind).toBe('ambiguous');
  });

  it('narrows by form, by a form prefix, or by who files', () => {
    expect(key('自查隐患数量', { formId: 'f6' })).toBe('f6.hazard_selfcheck');
    expect(key('附件6.自查隐患数量')).toBe('f6.hazard_selfcheck');
    expect(key('表四 整改隐患数量')).toBe('f6.hazard_rectified');
    expect(key('f5:罚款金额')).toBe('f5.enf_fine_amount');
    expect(key('自查隐患数量', { role: 'school' })).toBe('f3.hazard_selfcheck');
    expect(key('自查隐患数量', { role: 'district' })).toBe('f6.hazard_selfcheck');
    expect(key('附件5.自查隐患数量')).toBe('unknown');
  });

  it('suggests near names when nothing fits', () => {
    const r = findField('自查隐藏数');
    expect(r.kind).toBe('unknown');
    if (r.kind !== 'unknown') return;
    expect(r.suggestions.map((f) => f.key)).toContain('f3.hazard_selfcheck');
    expect(findField('天气').kind).toBe('unknown');
  });
});

describe('parseAssignments', () => {
  it('parses the brief’s example with a school filer', () => {
    const r = parseAssignments('自查隐患数量=12 整改隐患=10 一级企业@国标=2', { role: 'school' });
    expect(r.errors).toEqual([]);
    expect(r.values.map((v) => [v.cell, v.value])).toEqual([
      ['f3.hazard_selfcheck', 12],
      ['f3.hazard_rectified', 10],
      ['f3.grade_level1@国标', 2],
    ]);
  });

  it('accepts full-width signs, units after the number, 、，； separators and （省标）', () => {
    // a 市属学校 has no 附件6 row, so 罚款金额 is 附件5's
    const r = parseAssignments('自查隐患＝１２条，罚款金额：1.5万元；五星企业= 3、一级企业（省标）=2、十佳@县=1', { role: 'city-school' });
    expect(r.errors).toEqual([]);
    expect(r.values.map((v) => [v.cell, v.value])).toEqual([
      ['f3.hazard_selfcheck', 12],
      ['f5.enf_fine_amount', 1.5],
      ['f3.star_5', 3],
      ['f3.grade_level1@省标', 2],
      ['f4.top10_towns@县级', 1],
    ]);
  });

  it('asks which form when a name is in two and the filer could mean either', () => {
    const r = parseAssignments('罚款金额=1.5', { role: 'district' });
    expect(r.errors.map((e) => e.message)).toEqual(['「罚款金额」对应多项：附件5.罚款金额、附件6.罚款金额，请写完整名称']);
    expect(r.errors[0].suggestions).toEqual(['附件5.罚款金额', '附件6.罚款金额']);
  });

  it('keeps a 、 inside brackets as part of the name', () => {
    const r = parseAssignments('十佳乡镇（街道、园区）案例@市级=1、小型学校幼儿园（含校外培训机构）=2');
    expect(r.errors).toEqual([]);
    expect(r.values.map((v) => [v.cell, v.value])).toEqual([['f4.top10_towns@市级', 1], ['f6.base_school', 2]]);
  });

  it('lets a bare form name scope the tokens after it', () => {
    const r = parseAssignments('附件6 自查隐患数量=3 罚款金额=0.25 附件5 罚款金额=1.5');
    expect(r.errors).toEqual([]);
    expect(r.values.map((v) => [v.cell, v.value])).toEqual([
      ['f6.hazard_selfcheck', 3],
      ['f6.enf_fine_amount', 0.25],
      ['f5.enf_fine_amount', 1.5],
    ]);
  });

  it.each([
    ['自查隐患数量=-3', '自查隐患数量不能是负数（-3）'],
    ['自查隐患数量=1.5', '自查隐患数量必须是整数（1.5）'],
    ['自查隐患数量=十二', '自查隐患数量的值「十二」不是数字'],
    ['附件5 罚款金额=1.234', '罚款金额以万元为单位，最多保留两位小数（1.234）'],
    ['自查隐患数量', '「自查隐患数量」缺少数值，请写成 名称=数字，例如 自查隐患数量=12'],
    ['=12', '「=12」缺少名称，请写成 名称=数字，例如 自查隐患数量=12'],
    ['一级企业=2', '一级达标学校按达标类型分行填报，请写成 一级达标学校@国标=数字（可选：国标、省标）'],
    ['一级企业@地标=2', '一级达标学校没有「地标」这一行（可选：国标、省标）；地标请填「地标达标学校@地标」'],
    ['十佳@乡级=1', '十佳乡镇案例没有「乡级」这一行（可选：市级、县级）'],
    ['自查@国标=1', '自查隐患数量不分行填报，请去掉「@国标」'],
    ['天气=1', '不认识「天气」，请用表上的栏目名称，例如 自查隐患数量'],
  ])('%s → %s', (input, message) => {
    const r = parseAssignments(input, { role: 'city-school' });
    expect(r.values).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([message]);
  });

  it('offers the nearest names for an unknown one', () => {
    const r = parseAssignments('自查隐藏数量=3', { formId: 'f3' });
    expect(r.errors[0].message).toMatch(/^不认识「自查隐藏数量」，你是不是想填：自查隐患数量/);
    expect(r.errors[0].suggestions[0]).toBe('自查隐患数量');
  });

  it('keeps good tokens when others fail, and refuses a cell given twice', () => {
    const r = parseAssignments('自查=3 整改=abc 自查隐患数量=4', { role: 'school' });
    expect(r.values.map((v) => [v.cell, v.value])).toEqual([['f3.hazard_selfcheck', 3]]);
    expect(r.errors.map((e) => e.message)).toEqual([
      '整改隐患数量的值「abc」不是数字',
      '自查隐患数量填了两次（自查=3 和 自查隐患数量=4），请只保留一个',
    ]);
  });

  it('tells a filer which fields are someone else’s', () => {
    const r = parseAssignments('罚款金额=1', { role: 'school', formId: 'f5' });
    expect(r.errors.map((e) => e.message)).toEqual(['罚款金额由县（市、区）教育局填报，这里不用填']);
  });

  it('answers an empty argument with an example', () => {
    expect(parseAssignments('  ').errors[0].message).toBe('没有收到数据，请写成 名称=数字，例如 自查隐患数量=12 整改隐患数量=10');
  });
});
