import type { FormId } from './types.js';

/**
 * Cross-checks between cells, by field key; a rule over fields with a row dimension holds in each row.
 * `at-most`: the sum of `parts` is not greater than `total` (one part reads "不能大于").
 * `requires`: when `when` is above 0, `then` is not 0 (money paid means someone was paid).
 * The unit-level rules below (UNIT_RULES) need to know who files: how many schools the figures are about.
 */
export type Rule =
  | { kind: 'at-most'; parts: readonly string[]; total: string }
  | { kind: 'requires'; when: string; then: string };

/**
 * Rules about the filing unit rather than between two cells:
 * `schools-at-most`: a count of schools (unit 家) a school enters is about itself, so it is 0 or 1.
 * `exclusive`: one school is either graded (达标评审, any row) or only self-assessed (自评企业, note 4 of 附件3:
 * "自评企业指未经定级（达标）评审，只完成内部自评的企业") — never both.
 */
export type UnitRule =
  | { kind: 'schools-at-most'; unit: '家' }
  | { kind: 'exclusive'; graded: readonly string[]; selfAssessed: string };

export const UNIT_RULES: readonly UnitRule[] = [
  { kind: 'schools-at-most', unit: '家' },
  { kind: 'exclusive', graded: ['f3.grade_level1', 'f3.grade_level2', 'f3.grade_level3', 'f3.grade_ungraded'], selfAssessed: 'f3.self_assessed' },
];

const atMost = (parts: string | readonly string[], total: string): Rule => ({
  kind: 'at-most',
  parts: typeof parts === 'string' ? [parts] : parts,
  total,
});
const requires = (when: string, then: string): Rule => ({ kind: 'requires', when, then });

const colours = (form: string): string[] => ['red', 'orange', 'yellow', 'blue'].map((c) => `${form}.risk_${c}`);

/** Shared by 附件5 and 附件6: 执法激励约束. */
const enforcement = (f: 'f5' | 'f6'): Rule[] => [
  atMost(`${f}.enf_rectified`, `${f}.enf_hazards`),
  atMost(`${f}.enf_major_rectified`, `${f}.enf_major_hazards`),
  atMost(`${f}.enf_major_units`, `${f}.enf_major_hazards`),
  requires(`${f}.enf_fine_amount`, `${f}.enf_fine_units`),
];

/** 专题培训 and 现场观摩: people or units trained means at least one session. */
const sessions = (f: 'f4' | 'f6'): Rule[] => [
  requires(`${f}.training_units`, `${f}.training_sessions`),
  requires(`${f}.training_people`, `${f}.training_sessions`),
  requires(`${f}.visit_units`, `${f}.visit_sessions`),
  requires(`${f}.visit_people`, `${f}.visit_sessions`),
];

export const RULES: Readonly<Record<FormId, readonly Rule[]>> = {
  f3: [
    atMost(['f3.base_large', 'f3.base_medium', 'f3.base_small'], 'f3.base_total'),
    atMost('f3.hazard_rectified', 'f3.hazard_selfcheck'),
    atMost(colours('f3'), 'f3.risk_units'),
    atMost(['f3.star_5', 'f3.star_4', 'f3.star_3', 'f3.star_2', 'f3.star_1'], 'f3.star_total'),
  ],
  f4: sessions('f4'),
  f5: [
    ...enforcement('f5'),
    atMost('f5.assess_rewarded_units', 'f5.assess_units'),
    requires('f5.assess_reward_money', 'f5.assess_rewarded_units'),
    requires('f5.assess_rewarded_posts', 'f5.assess_rewarded_units'),
    atMost('f5.report_rewarded_units', 'f5.report_units'),
    requires('f5.report_reward_money', 'f5.report_rewarded_units'),
    requires('f5.report_rewarded_people', 'f5.report_rewarded_units'),
    // Hazards reported through the internal reporting scheme need the scheme (建立事故隐患内部报告奖励机制).
    requires('f5.report_hazards', 'f5.report_units'),
  ],
  f6: [
    atMost(
      ['school', 'clinic', 'shop', 'food', 'hotel', 'ktv', 'netbar', 'beauty', 'factory'].map((p) => `f6.base_${p}`),
      'f6.base_total',
    ),
    atMost('f6.hazard_rectified', 'f6.hazard_selfcheck'),
    atMost(colours('f6'), 'f6.risk_units'),
    ...enforcement('f6'),
    ...sessions('f6'),
  ],
};
