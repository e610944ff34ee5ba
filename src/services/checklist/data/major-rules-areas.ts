import type { MajorRule } from '../types.js';

/**
 * 重大事故隐患 rules for the areas the guide's 第二条 names beyond fire: 校舍安全、食品安全、实验实训、
 * 校车校园交通、预防拥挤踩踏、特种设备使用及水电气热运行. The guide's own articles for these chapters were not
 * obtained (docs/domain.md §1.4), so every rule here is 疑似重大: it rests on the national law or standard named
 * in its citation and a person confirms it. Sources, examples and near misses: rule-sources.ts.
 * Word lists name concepts in general terms; none is built from a labelled report.
 */

const SUSPECT = '疑似重大，需人工确认';

// ---- Shared concepts -------------------------------------------------------------

/** Buildings and rooms pupils use. */
const SCHOOL_BUILDINGS = [
  '宿舍', '寝室', '教学楼', '教室', '食堂', '餐厅', '图书馆', '礼堂', '体育馆', '实验楼', '综合楼', '办公楼', '行政楼', '校舍', '楼', '幼儿园', '活动室', '午休室', '公寓',
];

/** Said of a building problem that has been dealt with. */
const BUILDING_OK = ['已加固', '加固完', '加固好', '已封闭', '已经封闭', '已停用', '已经停用', '已拆除', '已经拆除', '拆掉了', '已搬离', '已腾空', '鉴定为a级', '鉴定为b级', 'a级', 'b级', '不是危房', '非危房'];


const GEO_SIGN = [
  '迹象', '裂缝', '开裂', '裂了', '松动', '下滑', '滑下', '滑了', '往下滑', '往下掉', '掉石头', '掉土', '垮', '塌', '鼓', '倾斜', '歪', '冒水', '渗水', '泥水', '隐患点',
];
const NEAR_BUILDINGS = ['靠近', '紧挨', '挨着', '旁边', '背后', '后面', '下面', '上方', '对着', '离', '贴着', ...SCHOOL_BUILDINGS];

const LAPSED = ['没有', '没', '无', '未', '过期', '到期', '逾期', '失效', '超期', '过了', '没办', '没续', '拿不出', '找不到', '缺'];
const LICENCE_OK = ['没问题', '都正常', '齐全', '已办', '办好了', '已续', '续好了', '刚续', '已更新', '在有效期', '有效期内', '齐全', '都有', '已取得'];




/** Pupil-carrying vehicles, as in major-rules.ts. */
const PUPIL_VEHICLES = [
  '校车', '校巴', '接送车', '接送的车', '接送学生', '接送孩子', '接孩子的车', '送孩子的车', '送学生的车', '接驳车', '通勤车', '学生专车', '面包车', '班车', '大巴', '中巴', '小巴', '包车', '黑车', '三轮车',
];
const BUS_PERMIT = ['校车使用许可', '使用许可', '校车许可', '校车标牌', '校车标志牌', '许可证', '运营资质', '营运资质', '道路运输证', '营运证', '备案'];
const NOT_PERMITTED = ['没', '未', '无', '过期', '到期', '失效', '没办', '没批', '没拿到', '还没下来', '拿不出', '借', '套牌', '假的'];
const BUS_UNFIT = ['没年检', '没有年检', '未年检', '年检过期', '年检*过期', '检验*过期', '没*检验', '报废', '到了报废', '没有保险', '保险*过期', '没*保险'];

/** Moving vehicles mixed with pupils inside the school grounds. */
const CAMPUS = ['校园内', '校园里', '校内', '学校里', '学校内', '操场', '校道', '教学区', '生活区', '宿舍区', '校门内', '进校'];
const MOTOR = ['汽车', '小车', '私家车', '货车', '送货车', '工程车', '渣土车', '机动车', '车辆', '社会车辆', '家长的车', '外来车', '泥头车', '面包车', '大车', '快递车', '送餐车'];
const MIXED = ['学生*中间', '人车混', '人车*不分', '没有人车分流', '没*分流', '学生旁边', '学生身边', '学生*穿行', '穿过人群', '开得很快', '开得飞快', '横冲直撞', '倒车', '差点撞', '差点碰', '蹭到', '没人指挥', '随意进出', '随便开进', '开进来', '开到', '直接开进', '放学*开', '课间*开', '上课*开'];

/** Crowds: stairs, doors and halls at the moments everyone moves at once. */
const PASSAGES = ['楼梯', '楼道', '梯口', '通道', '走廊', '出口', '门口', '过道', '转角', '拐角', '台阶', '看台', '礼堂', '食堂门', '宿舍门', '校门'];
const CRUSHED = ['挤倒', '挤伤', '踩伤', '踩踏', '压在*身上', '压在*下面', '叠在一起', '摔成一堆', '倒了一片', '摔倒一片', '挤得*倒', '挤趴'];
const CRUSH_OK = ['演练', '模拟', '培训', '讲座', '教育', '视频', '新闻', '别的学校', '预案', '防踩踏', '防止踩踏', '避免踩踏', '没有踩踏', '打闹', '推搡', '欺负', '打架'];
const BIG_EVENT = ['运动会', '文艺汇演', '汇演', '演出', '晚会', '集会', '大会', '开学典礼', '毕业典礼', '典礼', '庆典', '升旗', '家长会', '开放日', '艺术节', '体育节', '游园', '观影', '讲座', '研学', '春游', '秋游', '大型活动', '集体活动'];
const MANY_PEOPLE = ['千人', '上千', '几千', '数千', '一千', '两千', '三千', '四千', '五千', '1000', '1500', '2000', '2500', '3000', '4000', '5000', '全校', '所有年级', '全体师生', '家长也来', '几百', '上百', '数百'];
const NO_PLAN = ['没有方案', '没方案', '无方案', '没有预案', '没预案', '无预案', '没有安全方案', '没*方案', '没*预案', '未*方案', '未*预案', '方案*没', '预案*没', '没有报批', '没报批', '未审批', '没审批', '没*审批', '没有安保', '没安排*维持秩序', '没人维持秩序', '没*疏导'];
const PLAN_OK = ['已有方案', '已做方案', '方案已', '预案已', '已审批', '已报备', '已经报备', '方案和预案都', '预案都做了'];

/** Power rooms and cables in water. */
const POWER_ROOMS = ['配电房', '配电室', '配电间', '配电柜', '配电箱', '变压器', '电房', '开关柜', '电缆沟', '电缆井', '强电井', '总闸', '电井'];
const WATER_IN = ['进水', '积水', '泡水', '泡在水', '淹', '水浸', '浸水', '水漫', '水淹', '被水', '漏水'];
const GAS_LINES = ['燃气管', '煤气管', '天然气管', '燃气管道', '煤气管道', '液化气管', '软管', '燃气表', '调压箱', '燃气阀'];
const GAS_DAMAGE = ['漏气', '泄漏', '腐蚀', '锈穿', '锈蚀', '老化开裂', '开裂', '裂了', '破了', '胶布缠', '胶带缠', '缠着胶', '压扁', '压在', '私接', '私改', '乱接', '穿墙没套管', '被压'];
const GAS_OK = ['检测正常', '已更换', '已经更换', '换新', '燃气公司*检查', '没有漏'];

export const areaMajorRules: MajorRule[] = [
  // ---- 校舍安全 ----
  {
    code: 'redline.building.geohazard', basis: 'redline', flag: true, suspected: true, item: 'building.walls-slopes',
    title: '校舍周边存在滑坡、崩塌、泥石流、地面塌陷等地质灾害隐患',
    citation: `${SUSPECT}：校舍选址和使用须避开地质灾害危险区，出现滑坡、崩塌迹象须撤离人员（《地质灾害防治条例》，非《判定指南》原文）`,
    patterns: [
      { all: [['滑坡', '泥石流', '崩塌', '塌方', '地面塌陷', '地陷', '落石', '滚石'], NEAR_BUILDINGS], none: ['演练', '培训', '预案', '已治理', '治理完', '已排危'] },
      { all: [['山体', '后山', '山坡', '边坡', '护坡', '挡土墙'], GEO_SIGN, NEAR_BUILDINGS], none: ['泄水孔', '演练', '培训', '预案', '已治理', '治理完', '已排危', '草', '树叶', '垃圾', '青苔'] },
    ],
  },
  // ---- 食品安全 ----
  {
    code: 'redline.food.license', basis: 'redline', flag: true, suspected: true, item: 'food.license',
    title: '学校食堂或供餐单位无有效食品经营许可证',
    citation: `${SUSPECT}：《食品安全法》第三十五条，从事餐饮服务应当依法取得许可；学校食堂、供餐单位须持有效食品经营许可证`,
    patterns: [{ all: [['食堂', '配餐', '供餐', '送餐', '托管', '承包', '营养餐'], ['食品经营许可', '经营许可证', '许可证', '餐饮许可', '食品许可'], LAPSED], none: [...LICENCE_OK, '公示', '挂', '贴', '没有挂', '没挂', '没有公示', '没公示', '没贴', '没有贴', '校车'] }],
  },
  {
    code: 'redline.food.high-risk', basis: 'redline', flag: true, suspected: true, item: 'food.high-risk',
    title: '加工制售四季豆、野生菌、发芽土豆等高风险食品或变质过期食品',
    citation: `${SUSPECT}：《学校食品安全与营养健康管理规定》，中小学、幼儿园食堂不得加工制作四季豆、鲜黄花菜、野生蘑菇、发芽土豆等高风险食品，不得使用变质过期食品`,
    patterns: [
      { all: [['野生菌', '野蘑菇', '野菌', '山上采', '采的蘑菇', '发芽的土豆', '发芽土豆', '土豆发芽', '土豆都发芽', '发芽马铃薯', '鲜黄花菜', '河豚']], none: ['扔了', '已丢弃', '已经扔', '没用', '不用', '退货', '退回', '挑出来', '培训', '宣传'] },
    ],
  },
  // ---- 实验实训 ----
  // ---- 校车校园交通 ----
  {
    code: 'redline.bus.permit', basis: 'redline', flag: true, suspected: true, item: 'governance.school-bus',
    title: '校车无校车使用许可，或使用未经检验、报废的车辆接送学生',
    citation: `${SUSPECT}：《校车安全管理条例》第十四条，使用校车应当取得校车使用许可；未经检验合格的车辆不得作为校车`,
    patterns: [
      { all: [PUPIL_VEHICLES, BUS_PERMIT, NOT_PERMITTED], none: ['驾驶资格', '驾驶证', '驾照', '健康证'] },
      { all: [PUPIL_VEHICLES, BUS_UNFIT] },
    ],
  },
  {
    code: 'redline.traffic.campus', basis: 'redline', flag: true, suspected: true, item: 'governance.traffic',
    title: '校园内机动车在学生活动区随意通行，未落实人车分流',
    citation: `${SUSPECT}：校园内机动车须限时限速、人车分流，上下学和课间禁止在学生活动区通行（校园交通安全管理要求，非《判定指南》原文）`,
    patterns: [{ all: [CAMPUS, MOTOR, MIXED, ['学生', '孩子', '小朋友', '放学', '课间', '上课', '做操', '人群']], none: ['已禁止', '已分流', '已设', '减速带', '停车场里', '演练'] }],
  },
  // ---- 预防拥挤踩踏 ----
  {
    code: 'redline.crowd.crush', basis: 'redline', flag: true, suspected: true, item: 'emergency.crowding',
    title: '楼梯、通道等人员集中部位发生或存在拥挤踩踏险情',
    citation: `${SUSPECT}：《中小学幼儿园安全管理办法》，学校应在学生集中的楼梯、通道等部位安排人员值守疏导，防止拥挤踩踏`,
    patterns: [{ all: [[...PASSAGES, '下楼', '上楼', '散场', '放学', '集合', '人群'], CRUSHED], none: CRUSH_OK }],
  },
  {
    code: 'redline.crowd.event-plan', basis: 'redline', flag: true, suspected: true, item: 'rules.events-approval',
    title: '大型集体活动无安全工作方案和应急预案',
    citation: `${SUSPECT}：《中小学幼儿园安全管理办法》第二十九条，组织大型集体活动应制定安全应急预案；《大型群众性活动安全管理条例》，1000人以上活动须有安全工作方案`,
    patterns: [{ all: [BIG_EVENT, MANY_PEOPLE, NO_PLAN], none: PLAN_OK }],
  },
  // ---- 特种设备使用及水电气热运行 ----
  {
    code: 'redline.utilities.power-room-water', basis: 'redline', flag: true, suspected: true, item: 'facilities.power-room',
    title: '配电房、配电设施进水、漏水，电缆浸泡在水中',
    citation: `${SUSPECT}：配电房须防水、防潮、防小动物，进水浸泡可致短路、触电和火灾（供配电设施运行要求，非《判定指南》原文）`,
    patterns: [
      { all: [POWER_ROOMS, WATER_IN], none: ['已排水', '已修', '修好', '已处理', '饮水机', '消防', '漏雨', '渗水', '滴水', '屋顶', '房顶', '墙角'] },
      { all: [['电缆', '电线', '线缆', '配电柜', '开关柜', '配电箱', '变压器'], ['泡在水', '泡水', '浸在水', '泡着', '水里', '水中', '被水淹', '淹了', '淹到', '水浸']], none: ['已排水', '已修', '修好', '已处理'] },
    ],
  },
  {
    code: 'redline.utilities.gas-line', basis: 'redline', flag: true, suspected: true, item: 'fire.kitchen-gas',
    title: '燃气管道、软管泄漏、腐蚀、破损或私接改装',
    citation: `${SUSPECT}：《城镇燃气管理条例》，燃气设施须完好，不得擅自改装、拆除燃气设施；漏气须立即停用`,
    patterns: [{ all: [GAS_LINES, GAS_DAMAGE], none: GAS_OK }],
  },
];
