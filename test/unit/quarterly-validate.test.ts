import { describe, expect, it } from 'vitest';
import { cellsSuppliedBy, listCells, type FormId } from '../../src/services/quarterly/fields.js';
import { validatePartial, validateSubmission } from '../../src/services/quarterly/validate.js';

const zeros = (formId?: FormId) => new Map(listCells(formId).map((c) => [c.id, 0]));
const withValues = (base: Map<string, number>, entries: Record<string, number>) => {
  const m = new Map(base);
  for (const [k, v] of Object.entries(entries)) m.set(k, v);
  return m;
};
const messages = (errors: ReturnType<typeof validatePartial>) => errors.map((e) => e.message);

describe('validatePartial', () => {
  it('refuses 整改 above 自查, worded as in the conversation sketch', () => {
    const errors = validatePartial(new Map([['f3.hazard_rectified', 12], ['f3.hazard_selfcheck', 10]]));
    expect(errors).toEqual([{ cells: ['f3.hazard_rectified', 'f3.hazard_selfcheck'], message: '整改隐患数量（12）不能大于自查隐患数量（10）' }]);
  });

  it('waits for both sides before cross-checking', () => {
    expect(validatePartial(new Map([['f3.hazard_rectified', 12]]))).toEqual([]);
    expect(validatePartial(new Map([['f3.risk_red', 3], ['f3.risk_orange', 2], ['f3.risk_yellow', 1]]))).toEqual([]);
  });

  it('checks each value: whole, not negative, 万元 to two decimals, known cell', () => {
    const errors = validatePartial(
      new Map([
        ['f3.hazard_selfcheck', 1.5],
        ['f3.star_5', -1],
        ['f5.enf_fine_amount', 1.234],
        ['f5.assess_reward_money', 0.1 + 0.2],
        ['f3.grade_level1@地标', 1],
      ]),
    );
    expect(messages(errors)).toEqual([
      '自查隐患数量必须是整数（1.5）',
      '五星学校不能是负数（-1）',
      '罚款金额以万元为单位，最多保留两位小数（1.234）',
      '未知的栏目「f3.grade_level1@地标」',
    ]);
  });

  it('keeps 红+橙+黄+蓝 within the schools under 四色 management', () => {
    const errors = validatePartial(
      new Map([['f3.risk_units', 5], ['f3.risk_red', 1], ['f3.risk_orange', 2], ['f3.risk_yellow', 2], ['f3.risk_blue', 1]]),
    );
    expect(messages(errors)).toEqual(['红色风险学校、橙色风险学校、黄色风险学校、蓝色风险学校之和（6）不能大于四色监管学校数量（5）']);
  });

  it('keeps parts within their 总数: size classes, stars, the nine small places', () => {
    const errors = validatePartial(
      new Map([
        ['f3.base_total', 10], ['f3.base_large', 2], ['f3.base_medium', 5], ['f3.base_small', 4],
        ['f3.star_total', 3], ['f3.star_5', 1], ['f3.star_4', 1], ['f3.star_3', 1], ['f3.star_2', 1], ['f3.star_1', 0],
      ]),
    );
    expect(messages(errors)).toEqual([
      '规上学校、中等学校、小微学校之和（11）不能大于学校底数总数（10）',
      '五星学校、四星学校、三星学校、二星学校、一星学校之和（4）不能大于星级管理总数（3）',
    ]);
    const nine = withValues(zeros('f6'), { 'f6.base_total': 3, 'f6.base_school': 2, 'f6.base_netbar': 2 });
    expect(messages(validatePartial(nine))).toEqual([
      expect.stringMatching(/^小型学校幼儿园、小型医疗机构、.*、小生产加工企业之和（4）不能大于九小场所总数（3）$/),
    ]);
  });

  it('checks enforcement: 督促整改 ≤ 发现, 挂牌督办 整改数 ≤ 隐患数, 企业数 ≤ 隐患数, money needs someone fined', () => {
    const errors = validatePartial(
      new Map([
        ['f5.enf_hazards', 4], ['f5.enf_rectified', 5],
        ['f5.enf_major_units', 3], ['f5.enf_major_hazards', 2], ['f5.enf_major_rectified', 3],
        ['f5.enf_fine_units', 0], ['f5.enf_fine_amount', 0.5],
      ]),
    );
    expect(messages(errors)).toEqual([
      '督促整改隐患（5）不能大于发现隐患（4）',
      '挂牌督办隐患整改数（3）不能大于挂牌督办隐患数（2）',
      '挂牌督办学校数（3）不能大于挂牌督办隐患数（2）',
      '罚款金额为 0.5 时，罚款学校数不能为 0',
    ]);
    expect(messages(validatePartial(new Map([['f6.hazard_selfcheck', 1], ['f6.hazard_rectified', 2]])))).toEqual([
      '整改隐患数量（2）不能大于自查隐患数量（1）',
    ]);
  });

  it('checks internal rewards and training sessions', () => {
    const errors = validatePartial(
      new Map([
        ['f5.assess_units', 1], ['f5.assess_rewarded_units', 2], ['f5.report_rewarded_units', 0], ['f5.report_reward_money', 0.2],
        ['f4.training_sessions', 0], ['f4.training_people', 40],
      ]),
    );
    expect(messages(errors)).toEqual([
      '参训人数为 40 时，专题培训场次不能为 0',
      '年度考核兑现奖励学校数量（2）不能大于年度考核学校数量（1）',
      '内部报告兑现奖励资金为 0.2 时，内部报告兑现奖励学校数量不能为 0',
    ]);
  });
});

describe('validateSubmission', () => {
  it('accepts a complete, consistent submission of zeros', () => {
    expect(validateSubmission(zeros())).toEqual([]);
  });

  it('lists every blank cell by label, 0 being the way to say none', () => {
    const values = zeros('f3');
    values.delete('f3.hazard_selfcheck');
    values.delete('f3.grade_ungraded@地标');
    const errors = validateSubmission(values, { formId: 'f3' });
    expect(errors).toEqual([
      { cells: ['f3.hazard_selfcheck', 'f3.grade_ungraded@地标'], message: '还有 2 项没填：自查隐患数量、地标达标学校@地标（没有的请填 0）' },
    ]);
  });

  it('requires only the cells the filer enters when a role is given', () => {
    const school = new Map(cellsSuppliedBy('school').map((c) => [c.id, 0]));
    expect(validateSubmission(school, { role: 'school' })).toEqual([]);
    const errors = validateSubmission(new Map(), { role: 'district', formId: 'f5' });
    expect(errors[0].cells).toHaveLength(20);
    expect(errors[0].message).toMatch(/^还有 20 项没填：安全检查清单、达标细则、.*、约束单位（没有的请填 0）$/);
  });

  it('reports value errors and cross-checks alongside missing cells', () => {
    const values = withValues(zeros('f5'), { 'f5.enf_hazards': 1, 'f5.enf_rectified': 2, 'f5.enf_fine_amount': 0.001 });
    values.delete('f5.enf_closed');
    expect(messages(validateSubmission(values, { formId: 'f5' }))).toEqual([
      '罚款金额以万元为单位，最多保留两位小数（0.001）',
      '还有 1 项没填：取缔关闭学校（没有的请填 0）',
      '督促整改隐患（2）不能大于发现隐患（1）',
      '罚款金额为 0.001 时，罚款学校数不能为 0',
    ]);
  });
});

describe('plausibility rules about the filing unit (rules.ts UNIT_RULES and RULES)', () => {
  const school = (entries: [string, number][]) => messages(validatePartial(new Map(entries), { role: 'school' }));

  it('a school counts itself at most once in every 家 column, saying the rule and what to enter', () => {
    expect(school([['f3.duty_list', 7]])).toEqual([
      '建立全员责任制及其考核清单（7）按学校计数，本校只能填 0 或 1（规则：学校数不超过本单位的学校数）。本校做到了请填 1，没有请填 0',
    ]);
    expect(school([['f3.safety_staff_units', 5]])[0]).toContain('配备安全管理人员学校数量（5）按学校计数，本校只能填 0 或 1');
    expect(school([['f3.duty_list', 1], ['f3.safety_staff_units', 1], ['f3.safety_staff_people', 5]])).toEqual([]);
    // People and hazards are not schools.
    expect(school([['f3.hazard_selfcheck', 12]])).toEqual([]);
    // A district's own figures are not checked against one school.
    expect(messages(validatePartial(new Map([['f5.enf_checked_units', 9]]), { role: 'district' }).filter((e) => e.message.includes('按学校计数')))).toEqual([]);
  });

  it('graded and 自评 are exclusive for one school', () => {
    const [msg] = school([['f3.grade_level1@国标', 1], ['f3.self_assessed', 1]]);
    expect(msg).toBe('一级达标学校@国标与自评学校不能同时计同一所学校（规则：自评学校指未经定级（达标）评审、只完成内部自评的学校，附件3注4）。已定级请填 自评学校=0；只做了自评请把 一级达标学校@国标填 0');
    expect(school([['f3.grade_ungraded@地标', 1], ['f3.self_assessed', 1]])[0]).toContain('地标达标学校@地标与自评学校不能同时计');
    expect(school([['f3.grade_level1@国标', 1], ['f3.self_assessed', 0]])).toEqual([]);
    expect(school([['f3.grade_level1@国标', 0], ['f3.self_assessed', 1]])).toEqual([]);
  });

  it('内部报告隐患数量 above 0 needs the 内部报告奖励机制', () => {
    expect(messages(validatePartial(new Map([['f5.report_hazards', 8], ['f5.report_units', 0]])))).toEqual(['内部报告隐患数量为 8 时，内部报告奖励机制学校数量不能为 0']);
    expect(messages(validatePartial(new Map([['f5.report_hazards', 8], ['f5.report_units', 1]])))).toEqual([]);
  });

  it('a submission runs the unit rules too', () => {
    const errs = validateSubmission(new Map([['f3.duty_list', 7]]), { role: 'school', required: [] });
    expect(messages(errs)[0]).toContain('按学校计数');
  });
});
