import type { FormSpec } from '../types.js';
import { NOTES, TITLES } from './notes.js';
import { col, fld, group } from './spec.js';

const B = 'base-2024';
const S2402 = 'since-2024-02';
const S25 = 'since-2025-01';
const D = 'district';

/**
 * 附件6 季报表（四）"九小场所". Seed layout: 50 columns = 填报单位类型 + 49; one row per 县（市、区）
 * (the seed's form has no 市直单位 row). The district bureau supplies every figure.
 */
export const F6: FormSpec = {
  id: 'f6',
  annex: '附件6',
  title: TITLES.f6,
  dim: 'none',
  rowKinds: ['县（市、区）'],
  schoolReading: false,
  notes: NOTES.f6,
  header: [
    { label: '填报单位类型', rowLabel: true },
    group('“九小场所”底数（家）', [
      col('总数', fld('f6.base_total', '九小场所总数', '家', B, D, { aliases: ['九小总数', '九小场所底数', '九小底数'] })),
      col('小型学校幼儿园（含校外培训机构）', fld('f6.base_school', '小型学校幼儿园', '家', B, D, { aliases: ['小型学校', '幼儿园', '校外培训机构', '培训机构'] })),
      col('小型医疗机构', fld('f6.base_clinic', '小型医疗机构', '家', B, D, { aliases: ['医疗机构'] })),
      col('小商店', fld('f6.base_shop', '小商店', '家', B, D, { aliases: ['商店'] })),
      col('小餐饮', fld('f6.base_food', '小餐饮', '家', B, D, { aliases: ['餐饮'] })),
      col('小旅馆', fld('f6.base_hotel', '小旅馆', '家', B, D, { aliases: ['旅馆'] })),
      col('小歌舞娱乐', fld('f6.base_ktv', '小歌舞娱乐', '家', B, D, { aliases: ['歌舞娱乐', '歌舞厅', 'KTV'] })),
      col('小网吧', fld('f6.base_netbar', '小网吧', '家', B, D, { aliases: ['网吧'] })),
      col('小美容洗浴', fld('f6.base_beauty', '小美容洗浴', '家', B, D, { aliases: ['美容洗浴'] })),
      col('小生产加工企业', fld('f6.base_factory', '小生产加工企业', '家', B, D, { aliases: ['生产加工企业', '小生产加工'] })),
    ]),
    group('落实全员安全生产责任制数量', [
      col('建立并落实全员责任制及其考核清单（家）', fld('f6.duty_list', '建立并落实全员责任制及其考核清单', '家', S2402, D, { aliases: ['九小全员责任制', '九小责任制清单'] })),
      col('配备兼职安全生产管理人员（人）', fld('f6.safety_staff', '配备兼职安全生产管理人员', '人', S2402, D, { aliases: ['九小安全管理人员', '兼职安全管理人员'] })),
      group('健全三张清单', [
        col('九小场所数量（家）', fld('f6.lists_units', '三张清单九小场所数量', '家', S2402, D, { aliases: ['九小三张清单'] })),
        col('自查隐患数量（条）', fld('f6.hazard_selfcheck', '自查隐患数量', '条', S25, D, { aliases: ['九小自查隐患', '九小自查'] })),
        col('整改隐患数量（条）', fld('f6.hazard_rectified', '整改隐患数量', '条', S25, D, { aliases: ['九小整改隐患', '九小整改'] })),
      ]),
      group('四色安全风险分级动态监管', [
        col('九小场所数量（家）', fld('f6.risk_units', '四色监管九小场所数量', '家', S2402, D, { aliases: ['九小四色', '九小四色监管'] })),
        col('红色风险数量（家）', fld('f6.risk_red', '红色风险数量', '家', S2402, D, { aliases: ['九小红色', '九小红色风险'] })),
        col('橙色风险数量（家）', fld('f6.risk_orange', '橙色风险数量', '家', S2402, D, { aliases: ['九小橙色', '九小橙色风险'] })),
        col('黄色风险数量（家）', fld('f6.risk_yellow', '黄色风险数量', '家', S2402, D, { aliases: ['九小黄色', '九小黄色风险'] })),
        col('蓝色风险数量（家）', fld('f6.risk_blue', '蓝色风险数量', '家', S2402, D, { aliases: ['九小蓝色', '九小蓝色风险'] })),
      ]),
      col('强化5S现场管理（家）', fld('f6.site_5s', '强化5S现场管理', '家', S2402, D, { aliases: ['九小5S'] })),
      col('完善六有可视化警示标识（家）', fld('f6.signage', '完善六有可视化警示标识', '家', S2402, D, { aliases: ['九小六有'] })),
    ]),
    group('创建标准化', [
      col('评审达标（不分级）九小场所数量（家）', fld('f6.std_reviewed', '评审达标九小场所数量', '家', S2402, D, { aliases: ['九小评审达标', '评审达标'] })),
      col('自评达标九小场所数量（家）', fld('f6.std_self', '自评达标九小场所数量', '家', S25, D, { aliases: ['九小自评达标', '自评达标'] })),
      col('九小场所优秀案例（家次）', fld('f6.std_cases', '九小场所优秀案例', '家次', S25, D, { aliases: ['九小优秀案例', '优秀案例'] })),
    ]),
    group('执法激励约束', [
      col('检查场所（家次）', fld('f6.enf_inspected', '检查场所', '家次', S25, D, { aliases: ['九小检查'] })),
      col('发现隐患（条）', fld('f6.enf_hazards', '发现隐患', '条', S25, D, { aliases: ['九小发现隐患'] })),
      col('督促整改隐患（条）', fld('f6.enf_rectified', '督促整改隐患', '条', S25, D, { aliases: ['九小督促整改'] })),
      group('重大隐患挂牌督办', [
        col('场所数量（家次）', fld('f6.enf_major_units', '挂牌督办场所数量', '家次', S25, D, { aliases: ['九小挂牌督办场所'] })),
        col('隐患数量（条）', fld('f6.enf_major_hazards', '挂牌督办隐患数量', '条', S25, D, { aliases: ['九小挂牌督办', '九小挂牌督办隐患'] })),
        col('隐患整改数量（条）', fld('f6.enf_major_rectified', '挂牌督办隐患整改数量', '条', S25, D, { aliases: ['九小督办整改', '九小挂牌督办整改'] })),
      ]),
      group('罚款', [
        col('场所数量（家次）', fld('f6.enf_fine_units', '罚款场所数量', '家次', S25, D, { aliases: ['九小罚款场所'] })),
        col('金额（万元）', fld('f6.enf_fine_amount', '罚款金额', '万元', S25, D, { aliases: ['九小罚款', '九小罚款金额'] })),
      ]),
      col('责令停产停业整顿（家次）', fld('f6.enf_suspend', '责令停产停业整顿', '家次', S25, D, { aliases: ['九小停产停业'] })),
      col('暂扣或吊销证照（家次）', fld('f6.enf_license', '暂扣或吊销证照', '家次', S25, D, { aliases: ['九小暂扣证照'] })),
      col('取缔关闭（家次）', fld('f6.enf_closed', '取缔关闭', '家次', S25, D, { aliases: ['九小取缔关闭'] })),
      col('移送司法机关（人次）', fld('f6.enf_judicial', '移送司法机关', '人次', S25, D, { aliases: ['九小移送司法'] })),
      col('曝光典型案例（家次）', fld('f6.enf_exposed', '曝光典型案例', '家次', S25, D, { aliases: ['九小曝光'] })),
      col('约谈警示（家次）', fld('f6.enf_interview', '约谈警示', '家次', S25, D, { aliases: ['九小约谈'] })),
      col('激励（家次）', fld('f6.enf_incentive', '激励', '家次', S25, D, { aliases: ['九小激励'] })),
      col('约束（家次）', fld('f6.enf_restraint', '约束', '家次', S25, D, { aliases: ['九小约束'] })),
    ]),
    group('宣传发动', [
      col('函告场所数（家）', fld('f6.promo_letters', '函告场所数', '家', S25, D, { aliases: ['九小函告', '函告场所'] })),
      col('签订承诺书场所数（家）', fld('f6.promo_pledges', '签订承诺书场所数', '家', S25, D, { aliases: ['九小承诺书'] })),
      group('专题培训', [
        col('场次', fld('f6.training_sessions', '专题培训场次', '场次', S25, D, { aliases: ['九小培训场次'] })),
        col('参训九小场所（家次）', fld('f6.training_units', '参训九小场所', '家次', S25, D, { aliases: ['九小参训场所'] })),
        col('参训人数（人次）', fld('f6.training_people', '参训人数', '人次', S25, D, { aliases: ['九小参训人数'] })),
      ]),
      group('现场观摩', [
        col('场次', fld('f6.visit_sessions', '现场观摩场次', '场次', S25, D, { aliases: ['九小观摩场次'] })),
        col('参加九小场所（家次）', fld('f6.visit_units', '参加九小场所', '家次', S25, D, { aliases: ['九小观摩场所'] })),
        col('参加人数（人次）', fld('f6.visit_people', '观摩参加人数', '人次', S25, D, { aliases: ['九小观摩人数'] })),
      ]),
    ]),
  ],
};
