import type { FormSpec } from '../types.js';
import { NOTES, TITLES } from './notes.js';
import { col, fld, group } from './spec.js';

const S21 = 'since-2021-08';
const S25 = 'since-2025-01';
const S2404 = 'since-2024-04';
const NATIONAL_PROVINCIAL = ['国标', '省标'] as const;

/**
 * 附件3 季报表（一）. Seed layout: 32 columns = 填报单位类型 + 20 unit columns + 达标类型 + 10 per 达标类型 row.
 * The unit columns are merged over the unit's three rows (国标/省标/地标); in the 地标 row the three
 * 达标评审 columns are one merged cell (地标 is not graded), so that row has 8 cells after 地标.
 * 自评企业 and 实施星级管理数量 sit outside 达标类型 in the seed's header and are one cell per unit, merged over the
 * three rows like the unit columns: a school graded under one standard and self-assessed under another, or a
 * starred school, is then counted once, never three times (READING_NOTES.f3 says so under the sheet).
 */
export const F3: FormSpec = {
  id: 'f3',
  annex: '附件3',
  title: TITLES.f3,
  dim: 'grade',
  rowKinds: ['市直单位', '县（市、区）'],
  schoolReading: true,
  notes: NOTES.f3,
  header: [
    { label: '填报单位类型', rowLabel: true },
    group('企业底数(家）', [
      col('总数', fld('f3.base_total', '企业底数总数', '家', 'base-2024', 'district', { perDim: false, aliases: ['底数总数', '底数', '学校总数', '企业总数', '学校数'] })),
      col('规上企业', fld('f3.base_large', '规上企业', '家', 'base-2024', 'district', { perDim: false, aliases: ['规上', '底数规上'] })),
      col('中等企业', fld('f3.base_medium', '中等企业', '家', 'base-2024', 'district', { perDim: false, aliases: ['中等', '底数中等'] })),
      col('小微企业', fld('f3.base_small', '小微企业', '家', 'base-2024', 'district', { perDim: false, aliases: ['小微', '底数小微'] })),
    ]),
    group('落实全员安全生产责任制数量', [
      col('建立全员责任制及其考核清单（家）', fld('f3.duty_list', '建立全员责任制及其考核清单', '家', S21, 'school', { perDim: false, aliases: ['全员责任制', '责任制清单', '考核清单', '建立全员责任制'] })),
      col('依法依规设置安全生产管理机构（家）', fld('f3.safety_org', '设置安全生产管理机构', '家', S21, 'school', { perDim: false, aliases: ['安全管理机构', '管理机构', '设置机构'] })),
      group('依法依规配备专兼职安全生产管理人员', [
        col('企业数量（家）', fld('f3.safety_staff_units', '配备安全管理人员企业数量', '家', S21, 'school', { perDim: false, aliases: ['配备安全管理人员'] })),
        col('人员数量（人）', fld('f3.safety_staff_people', '专兼职安全管理人员数量', '人', S21, 'school', { perDim: false, aliases: ['安全管理人员', '专兼职安全管理人员', '安全管理人员数'] })),
      ]),
      group('健全三张清单', [
        col('企业数量（家）', fld('f3.lists_units', '三张清单企业数量', '家', S21, 'school', { perDim: false, aliases: ['三张清单', '健全三张清单'] })),
        col('自查隐患数量（条）', fld('f3.hazard_selfcheck', '自查隐患数量', '条', S25, 'school', { perDim: false, aliases: ['自查隐患', '自查'], ledger: 'hazards_found' })),
        col('整改隐患数量（条）', fld('f3.hazard_rectified', '整改隐患数量', '条', S25, 'school', { perDim: false, aliases: ['整改隐患', '整改'], ledger: 'hazards_rectified' })),
      ]),
      group('四色安全风险分级动态监管', [
        col('企业数量（家）', fld('f3.risk_units', '四色监管企业数量', '家', S21, 'school', { perDim: false, aliases: ['四色监管', '四色', '风险分级', '四色安全风险'], ledger: 'risk_rated' })),
        col('红色风险企业（家）', fld('f3.risk_red', '红色风险企业', '家', S21, 'school', { perDim: false, aliases: ['红色风险', '红色'], ledger: 'risk_red' })),
        col('橙色风险企业（家）', fld('f3.risk_orange', '橙色风险企业', '家', S21, 'school', { perDim: false, aliases: ['橙色风险', '橙色'], ledger: 'risk_orange' })),
        col('黄色风险企业（家）', fld('f3.risk_yellow', '黄色风险企业', '家', S21, 'school', { perDim: false, aliases: ['黄色风险', '黄色'], ledger: 'risk_yellow' })),
        col('蓝色风险企业（家）', fld('f3.risk_blue', '蓝色风险企业', '家', S21, 'school', { perDim: false, aliases: ['蓝色风险', '蓝色'], ledger: 'risk_blue' })),
      ]),
      col('强化5S现场管理（家）', fld('f3.site_5s', '强化5S现场管理', '家', S21, 'school', { perDim: false, aliases: ['5S', '5S管理', '现场管理'] })),
      col('完善六有可视化警示标识（家）', fld('f3.signage', '完善六有可视化警示标识', '家', S21, 'school', { perDim: false, aliases: ['六有', '警示标识', '六有标识'] })),
      group('依法依规建立专兼职应急救援队伍', [
        col('企业数量（家）', fld('f3.rescue_units', '应急救援队伍企业数量', '家', S21, 'school', { perDim: false, aliases: ['应急救援队伍', '救援队伍'] })),
        col('人员数量（人）', fld('f3.rescue_people', '应急救援队伍人员数量', '人', S21, 'school', { perDim: false, aliases: ['应急救援人员', '救援人员'] })),
      ]),
    ]),
    group('创建提升数量(家)', [
      { label: '达标类型', dimColumn: ['国标', '省标', '地标'] },
      {
        label: '达标评审',
        children: [
          col('一级企业', fld('f3.grade_level1', '一级企业', '家', S21, 'school', { dimValues: NATIONAL_PROVINCIAL, chat: '一级达标学校', aliases: ['一级', '一级达标'] })),
          col('二级企业', fld('f3.grade_level2', '二级企业', '家', S21, 'school', { dimValues: NATIONAL_PROVINCIAL, chat: '二级达标学校', aliases: ['二级', '二级达标'] })),
          col('三级企业', fld('f3.grade_level3', '三级企业', '家', S21, 'school', { dimValues: NATIONAL_PROVINCIAL, chat: '三级达标学校', aliases: ['三级', '三级达标'] })),
        ],
        spanField: fld('f3.grade_ungraded', '达标评审（不分级）', '家', S21, 'school', { dimValues: ['地标'], chat: '地标达标学校', aliases: ['不分级', '地标达标', '达标评审不分级'] }),
      },
      group('自评企业', [
        col('总数', fld('f3.self_assessed', '自评企业', '家', S25, 'school', { perDim: false, aliases: ['自评', '自评企业数', '自评总数'] })),
      ]),
    ]),
    group('实施星级管理数量（家）', [
      col('总数', fld('f3.star_total', '星级管理总数', '家', S2404, 'school', { perDim: false, aliases: ['星级总数', '星级管理', '星级'] })),
      col('五星企业', fld('f3.star_5', '五星企业', '家', S2404, 'school', { perDim: false, aliases: ['五星'] })),
      col('四星企业', fld('f3.star_4', '四星企业', '家', S2404, 'school', { perDim: false, aliases: ['四星'] })),
      col('三星企业', fld('f3.star_3', '三星企业', '家', S2404, 'school', { perDim: false, aliases: ['三星'] })),
      col('二星企业', fld('f3.star_2', '二星企业', '家', S2404, 'school', { perDim: false, aliases: ['二星'] })),
      col('一星企业', fld('f3.star_1', '一星企业', '家', S2404, 'school', { perDim: false, aliases: ['一星'] })),
    ]),
  ],
};
