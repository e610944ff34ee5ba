import type { FormSpec } from '../types.js';
import { NOTES, TITLES } from './notes.js';
import { col, fld, group } from './spec.js';

const S25 = 'since-2025-01';
const UNIT_LEVEL = { perDim: false } as const;

/**
 * 附件4 季报表（二）"十百千万". Seed layout: 23 columns; each unit has three rows (市级/县级/乡级).
 * 十佳乡镇 has 市级 and 县级 cells only (its 县级 cell runs over the 乡级 row); 千企达标评审 and
 * 宣传发动 have no 层级 and are one cell per unit, merged over the three rows.
 */
export const F4: FormSpec = {
  id: 'f4',
  annex: '附件4',
  title: TITLES.f4,
  dim: 'level',
  rowKinds: ['市直单位', '县（市、区）'],
  schoolReading: true,
  notes: NOTES.f4,
  header: [
    { label: '填报单位类型', rowLabel: true },
    group('十佳乡镇（街道、园区）案例', [
      { label: '层级', dimColumn: ['市级', '县级'] },
      col('数量（个）', fld('f4.top10_towns', '十佳乡镇案例', '个', S25, 'district', { dimValues: ['市级', '县级'], aliases: ['十佳乡镇', '十佳', '十佳案例', '十佳乡镇（街道、园区）案例'] })),
    ]),
    group('百优企业案例（个）', [
      { label: '层级', dimColumn: ['市级', '县级', '乡级'] },
      col('规上企业', fld('f4.top100_large', '百优规上企业案例', '个', S25, 'district', { aliases: ['百优规上', '百优规上企业'] })),
      col('中等企业', fld('f4.top100_medium', '百优中等企业案例', '个', S25, 'district', { aliases: ['百优中等', '百优中等企业'] })),
      col('小微企业', fld('f4.top100_small', '百优小微企业案例', '个', S25, 'district', { aliases: ['百优小微', '百优小微企业'] })),
    ]),
    group('千企达标评审（家）', [
      col('规上企业', fld('f4.grade1000_large', '千企达标评审规上企业', '家', S25, 'school', { ...UNIT_LEVEL, aliases: ['千企规上', '千校规上', '千企达标规上'] })),
      col('中等企业', fld('f4.grade1000_medium', '千企达标评审中等企业', '家', S25, 'school', { ...UNIT_LEVEL, aliases: ['千企中等', '千校中等', '千企达标中等'] })),
      col('小微企业', fld('f4.grade1000_small', '千企达标评审小微企业', '家', S25, 'school', { ...UNIT_LEVEL, aliases: ['千企小微', '千校小微', '千企达标小微'] })),
    ]),
    group('万岗达标（个）', [
      { label: '层级', dimColumn: ['市级', '县级', '乡级'] },
      col('党员模范岗（个）', fld('f4.posts_party', '党员模范岗', '个', S25, 'school', { aliases: ['模范岗', '党员岗'] })),
      col('工人先锋岗（个）', fld('f4.posts_worker', '工人先锋岗', '个', S25, 'school', { aliases: ['先锋岗'] })),
      col('青年突击手（个）', fld('f4.posts_youth', '青年突击手', '个', S25, 'school', { aliases: ['突击手'] })),
      col('巾帼能手（个）', fld('f4.posts_women', '巾帼能手', '个', S25, 'school', { aliases: ['巾帼'] })),
    ]),
    group('宣传发动', [
      col('函告企业数（家）', fld('f4.promo_letters', '函告企业数', '家', S25, 'district', { ...UNIT_LEVEL, aliases: ['函告'] })),
      col('签订承诺书企业数（家）', fld('f4.promo_pledges', '签订承诺书企业数', '家', S25, 'school', { ...UNIT_LEVEL, aliases: ['承诺书', '签订承诺书'] })),
      group('专题培训', [
        col('场次', fld('f4.training_sessions', '专题培训场次', '场次', S25, 'district', { ...UNIT_LEVEL, aliases: ['培训场次', '专题培训'] })),
        col('参训企业（家次）', fld('f4.training_units', '参训企业', '家次', S25, 'district', { ...UNIT_LEVEL, aliases: ['参训企业数'] })),
        col('参训人数（人次）', fld('f4.training_people', '参训人数', '人次', S25, 'district', { ...UNIT_LEVEL, aliases: ['培训人数', '培训人次'] })),
      ]),
      group('现场观摩', [
        col('场次', fld('f4.visit_sessions', '现场观摩场次', '场次', S25, 'district', { ...UNIT_LEVEL, aliases: ['观摩场次', '现场观摩', '观摩'] })),
        col('参加企业（家次）', fld('f4.visit_units', '观摩参加企业', '家次', S25, 'district', { ...UNIT_LEVEL, aliases: ['参加企业', '观摩企业'] })),
        col('参加人数（人次）', fld('f4.visit_people', '观摩参加人数', '人次', S25, 'district', { ...UNIT_LEVEL, aliases: ['参加人数', '观摩人数'] })),
      ]),
    ]),
  ],
};
