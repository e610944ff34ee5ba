import type { FormSpec } from '../types.js';
import { NOTES, TITLES } from './notes.js';
import { col, fld, group } from './spec.js';

const S25 = 'since-2025-01';

/** 附件5 季报表（三）. Seed layout: 30 columns = 填报单位类型 + 29; one row per unit; all since 2025-01. */
export const F5: FormSpec = {
  id: 'f5',
  annex: '附件5',
  title: TITLES.f5,
  dim: 'none',
  rowKinds: ['市直单位', '县（市、区）'],
  schoolReading: true,
  notes: NOTES.f5,
  header: [
    { label: '填报单位类型', rowLabel: true },
    group('完善“四项规范”（份）', [
      col('安全检查清单（份）', fld('f5.norm_checklist', '安全检查清单', '份', S25, 'district', { aliases: ['检查清单'] })),
      col('达标细则（份）', fld('f5.norm_rules', '达标细则', '份', S25, 'district', { aliases: ['考评细则'] })),
      col('标准化运行提升指南（份）', fld('f5.norm_guide', '标准化运行提升指南', '份', S25, 'district', { aliases: ['提升指南', '运行提升指南'] })),
      col('网格员检查导则（份）', fld('f5.norm_grid', '网格员检查导则', '份', S25, 'district', { aliases: ['检查导则', '网格员导则'] })),
    ], 2),
    group('执法激励约束', [
      col('检查企业（家次）', fld('f5.enf_inspected', '检查企业', '家次', S25, 'district', { aliases: ['执法检查', '检查企业数'] })),
      col('发现隐患（条）', fld('f5.enf_hazards', '发现隐患', '条', S25, 'district', { aliases: ['发现隐患数'] })),
      col('督促整改隐患（条）', fld('f5.enf_rectified', '督促整改隐患', '条', S25, 'district', { aliases: ['督促整改'] })),
      group('重大隐患挂牌督办', [
        col('企业数（家次）', fld('f5.enf_major_units', '挂牌督办企业数', '家次', S25, 'district', { aliases: ['挂牌督办企业', '督办企业'], ledger: 'major_hazard_schools' })),
        col('隐患数（条）', fld('f5.enf_major_hazards', '挂牌督办隐患数', '条', S25, 'district', { aliases: ['挂牌督办隐患', '挂牌督办', '重大隐患'], ledger: 'major_hazards' })),
        col('隐患整改数（条）', fld('f5.enf_major_rectified', '挂牌督办隐患整改数', '条', S25, 'district', { aliases: ['挂牌督办整改', '督办整改'], ledger: 'major_hazards_rectified' })),
      ]),
      group('罚款', [
        col('企业数（家次）', fld('f5.enf_fine_units', '罚款企业数', '家次', S25, 'district', { aliases: ['罚款企业', '罚款家次'] })),
        col('金额（万元）', fld('f5.enf_fine_amount', '罚款金额', '万元', S25, 'district', { aliases: ['罚款', '罚金'] })),
      ]),
      col('责令停产停业整顿（家次）', fld('f5.enf_suspend', '责令停产停业整顿', '家次', S25, 'district', { aliases: ['停产停业', '停产整顿', '责令停产'] })),
      col('暂扣或吊销证照企业（家次）', fld('f5.enf_license', '暂扣或吊销证照企业', '家次', S25, 'district', { aliases: ['暂扣证照', '吊销证照', '暂扣吊销'] })),
      col('取缔关闭企业（家次）', fld('f5.enf_closed', '取缔关闭企业', '家次', S25, 'district', { aliases: ['取缔关闭', '取缔', '关闭'] })),
      col('移送司法机关（人次）', fld('f5.enf_judicial', '移送司法机关', '人次', S25, 'district', { aliases: ['移送司法', '移送'] })),
      col('曝光典型案例企业（家次）', fld('f5.enf_exposed', '曝光典型案例企业', '家次', S25, 'district', { aliases: ['曝光', '曝光典型案例'] })),
      col('约谈警示企业（家次）', fld('f5.enf_interview', '约谈警示企业', '家次', S25, 'district', { aliases: ['约谈', '约谈警示'] })),
      col('激励单位（家次）', fld('f5.enf_incentive', '激励单位', '家次', S25, 'district', { aliases: ['激励'] })),
      col('约束单位（家次）', fld('f5.enf_restraint', '约束单位', '家次', S25, 'district', { aliases: ['约束'] })),
    ]),
    group('企业内部激励', [
      group('落实全员责任制年度考核', [
        col('企业数量（家）', fld('f5.assess_units', '年度考核企业数量', '家', S25, 'school', { aliases: ['年度考核', '全员责任制年度考核', '全员责任制考核'] })),
        col('兑现奖励企业数量（家）', fld('f5.assess_rewarded_units', '年度考核兑现奖励企业数量', '家', S25, 'school', { aliases: ['考核兑现奖励企业', '考核奖励企业'] })),
        col('兑现奖励资金（万元）', fld('f5.assess_reward_money', '年度考核兑现奖励资金', '万元', S25, 'school', { aliases: ['考核奖励资金', '考核奖金'] })),
        col('获得奖励岗位（个）', fld('f5.assess_rewarded_posts', '获得奖励岗位', '个', S25, 'school', { aliases: ['奖励岗位'] })),
      ]),
      group('建立事故隐患内部报告奖励机制', [
        col('企业数量（家）', fld('f5.report_units', '内部报告奖励机制企业数量', '家', S25, 'school', { aliases: ['内部报告奖励机制', '隐患报告奖励机制', '事故隐患内部报告奖励机制'] })),
        col('兑现奖励企业数量（家）', fld('f5.report_rewarded_units', '内部报告兑现奖励企业数量', '家', S25, 'school', { aliases: ['报告奖励企业', '内部报告奖励企业'] })),
        col('兑现奖励资金（万元）', fld('f5.report_reward_money', '内部报告兑现奖励资金', '万元', S25, 'school', { aliases: ['报告奖励资金', '报告奖金'] })),
        col('获得奖励人次', fld('f5.report_rewarded_people', '获得奖励人次', '人次', S25, 'school', { aliases: ['奖励人次', '获奖人次'] })),
        col('内部报告隐患数量（条）', fld('f5.report_hazards', '内部报告隐患数量', '条', S25, 'school', { aliases: ['内部报告隐患', '内部报告'], ledger: 'hazards_reported' })),
      ]),
    ]),
  ],
};
