import type { MajorRule } from '../types.js';

/**
 * 重大事故隐患 rules as concept patterns (docs/domain.md §1.3, §1.4).
 * Each pattern is an AND of OR-groups over normalised text (lower case, half-width);
 * `*` in a term is a short gap inside one clause (没*人看 = 没人看, 没个人看).
 * Groups name concepts in general terms and are shared between rules below, so a new
 * way of saying "electric bike" or "nobody watching" helps every rule that needs it.
 * They are not built from any labelled report.
 */

const GUIDE = '《教育系统重大事故隐患判定指南》（教发厅函〔2024〕20号）';
const SUSPECT = '疑似重大，需人工确认';

// ---- Shared concepts -------------------------------------------------------------

/** "Something is missing / broken / off" — said of a detector or alarm. */
const MISSING = [
  '没', '未', '无', '缺', '坏', '拆了', '拆掉', '拆下', '被拆', '拆走', '失灵', '不响', '不亮', '故障', '停用', '关掉', '关闭', '屏蔽', '不能', '失效', '少了',
  '封住', '封上', '封起来', '被封', '封死', '遮住', '遮挡', '被遮', '盖住', '贴住', '胶带', '堵住', '罩住', '罩上', '罩起来', '罩着', '被罩', '包住', '包起来', '套住',
  '摘了', '摘掉', '摘下', '取下', '拔掉', '拔了', '被拔', '拔下', '拔出', '断电', '没电', '不报警', '不工作', '损坏', '消音', '静音', '拿掉', '卸掉',
];
/** Said of a device or defect that has been dealt with: cancels rules that look for something missing. */
const SETTLED = [
  '测试正常', '检测正常', '工作正常', '运行正常', '一切正常', '都正常', '均正常', '没问题', '已整改', '整改完', '已更换', '换好了', '已安装', '已经装好', '装好了',
  '已修好', '修好了', '已修复', '已经修好', '测过了', '都测过',
];
/** A fire-protection system that is absent or does not work. */
const BROKEN = [
  '坏', '故障', '失灵', '瘫痪', '停用', '关闭', '关掉', '被关', '没水', '没有水', '没什么水', '水都没', '无水', '缺水', '不出水', '水位低', '水位很低', '漏', '启动不了',
  '启动不起来', '起不来', '不能用', '用不了', '无法', '打到手动', '手动状态', '屏蔽', '没有安装', '没装', '未安装', '未设置', '没有设置', '拆', '不能正常', '不正常',
  '不响', '没反应', '不工作', '没电', '断电', '损坏', '干了', '修不好', '没修好', '都没好', '不好使', '不灵', '消音', '不转',
];
const NOT_DONE = ['没', '未', '无', '还没', '不合格', '没通过', '擅自'];

/** Electric bikes and scooters, with the nicknames and typos teachers use. */
const E_BIKE = [
  '电动车', '电瓶车', '电动自行车', '电单车', '电摩', '电动摩托', '助力车', '电车', '电驴', '电动三轮', '电三轮', '踏板车', '平衡车', '电动滑板', '滑板车',
  '电动车辆', '代步车', '电平车', '电频车', '电品车', '电动单车', '电瓶摩托', '雅迪', '爱玛', '台铃', '绿源', '新日',
];
/** Traction batteries (not phone or torch batteries). */
const TRACTION_BATTERY = ['电瓶', '锂电池', '车电池', '电池包', '电车的电池', '电动车电池', '电瓶车电池', '车的电池', '电车电池'];
/** Inside a building: rooms, stairs, halls, or carried in and up. */
const INDOORS = [
  '进楼', '进入楼', '楼道', '楼里', '楼内', '楼梯', '走廊', '过道', '寝室', '宿舍里', '宿舍内', '宿舍房间', '进宿舍', '回宿舍', '教室里', '教室内', '办公室',
  '室内', '屋里', '房间', '大厅', '门厅', '大堂', '推进', '搬进', '骑进', '拿进', '带进', '带回', '拎回', '拎上', '扛上', '提上', '搬上', '推上', '上楼',
  '地下室', '架空层', '床头', '床边', '床底', '电梯', '值班室', '宿管室', '杂物间', '储藏室', '单元门', '楼栋里',
];
const CHARGING = ['充电', '充着', '在充', '插着电', '插电', '充上', '拿去充', '来充', '下来充', '出来充', '过去充', '充一下'];

/** Vehicles that carry pupils: school buses and the vans, tricycles and cars hired to do the job. */
const PUPIL_VEHICLES = [
  '校车', '校巴', '接送车', '接送的车', '接送学生', '接送孩子', '接孩子的车', '送孩子的车', '送学生的车', '接驳车', '通勤车', '学生专车', '面包车', '班车',
  '大巴', '中巴', '小巴', '包车', '黑车', '三轮车', '私家车',
];
/** Too many aboard: standing, extra seats, squeezed in. */
const OVERLOADED = [
  '超员', '超载', '超核载', '核载', '坐满', '塞满', '挤满', '站满', '塞了', '挤了', '站着', '站了', '坐不下', '座位不够', '加座', '小板凳', '多拉', '改装',
  '坐过道', '过道上', '十几个', '二十几个', '二十多个', '超了', '人太多', '挤不下', '塞不下', '叠着坐', '抱着坐',
];
/** A driver who may not drive pupils: licence class, experience, age, drink. */
const DRIVER_UNFIT = [
  '没有驾照', '无证', '没驾照', '驾照', '驾驶证', '资质', '资格', '超龄', '岁', '年纪', '年龄', '实习期', '驾龄', '喝酒', '喝*酒', '酒驾', '饮酒', '酒味', '酒气',
  '醉', '临时找', '不到三年', '刚拿', '刚考', '新手', '准驾', 'c1', 'c照', '六十多', '60多', '七十',
];

/** An exit that is locked, chained or walled up (not merely cluttered). */
const EXIT_WAYS = [
  '安全出口', '疏散出口', '逃生出口', '应急出口', '紧急出口', '楼梯出口', '出口门', '疏散门', '逃生门', '安全门', '消防门', '疏散通道', '逃生通道', '疏散楼梯',
  '楼梯门', '楼梯间门', '通道门', '楼梯口',
];
const NOT_LOCKED = ['没锁', '未锁', '不锁', '锁坏', '门锁坏', '打不开锁', '锁不上', '已打开', '已经打开', '已拆除', '开锁了', '已开锁', '锁好', '上锁管理'];
/** 人员密集场所 at a school: rooms and buildings where many people gather at once. */
const CROWDED_ROOMS = [
  '阶梯教室', '礼堂', '报告厅', '多功能厅', '会堂', '体育馆', '风雨操场', '食堂', '餐厅', '宿舍楼', '学生公寓', '图书馆', '阅览室', '教学楼', '演播厅', '剧场',
];
const LOCKED_SHUT = [
  '铁链', '链条锁', '链子锁', '锁链', '锁死', '锁住', '锁上', '锁着', '锁起来', '上锁', '上了锁', '反锁', '挂锁', '大锁', 'u型锁', '焊死', '封死', '钉死', '砌死',
];

/** Fixed bars and mesh over a window or door. */
const BARS = [
  '防盗网', '防盗窗', '铁栅栏', '铁栅', '铁栏杆', '铁栏', '铁条', '钢条', '铁丝网', '钢筋网', '不锈钢网', '不锈钢护网', '不锈钢管', '护窗', '铁笼', '铁架子封', '铁网',
  '钢丝网',
];
/** The bars are the ones being taken away or have a way out. */
const BARS_OK = ['松', '掉', '锈', '晃', '断', '脱落', '逃生口', '逃生窗', '可开启', '能打开', '可以打开', '可打开', '开启扇', '拆了', '拆掉', '已拆', '拆除'];

/** Student sleeping places (宿舍 and 午休/午托 rooms). */
const SLEEPING = ['宿舍', '寝室', '午休', '午睡', '睡午觉', '公寓', '休息室', '午托', '睡觉的', '住宿'];
const DETECTORS = ['烟感', '烟雾报警', '感烟', '烟雾探测', '火灾报警', '火灾探测', '报警器', '烟雾感应', '温感', '感温', '探测器', '消防报警'];
/** Fixed fire systems: alarm, sprinklers, hydrant water, smoke control. */
const FIRE_SYSTEMS = [
  '火灾自动报警', '自动报警系统', '火灾报警系统', '报警主机', '消防主机', '报警控制器', '喷淋', '自动喷水', '自动灭火', '气体灭火', '防排烟', '排烟系统', '排烟风机',
  '消防水泵', '消防泵', '喷淋泵', '稳压泵', '泵房', '消防水池', '消防水箱', '消火栓系统', '消防栓系统', '消防联动', '消防广播',
];

/** 幼儿园 and its classes. */
const KINDERGARTEN = [
  '幼儿园', '幼儿', '儿童用房', '小班', '中班', '大班', '托班', '小朋友', '园长', '宝宝', '小一班', '小二班', '小三班', '小四班', '中一班', '中二班', '中三班',
  '中四班', '大一班', '大二班', '大三班', '大四班', '托一班', '托二班',
];
/** Fourth floor and above (幼儿园 children's rooms may not be there). */
const UPPER_FLOORS = [
  '四楼', '4楼', '五楼', '5楼', '六楼', '6楼', '七楼', '四层', '4层', '五层', '5层', '六层', '4f', '5f', '6f', '以上楼层', '四五楼', '顶层',
];
const BASEMENT = ['地下室', '半地下', '地下一层', '地下1层', '负一', '负1', '-1楼', '-1层', 'b1层', 'b1楼', '地下层', '地库', '地下车库', '负二', '地下二层'];

/** Open-flame work: welding, cutting, torches. */
const HOT_WORK = ['动火', '电焊', '气焊', '焊接', '烧焊', '气割', '氧割', '切割', '喷灯', '喷枪', '火焰枪', '喷火枪', '焊枪', '割枪', '热熔', '明火作业'];
/** The permit is there: a 没 elsewhere in the message is about something else. */
const PERMIT_OK = ['动火证办了', '办了动火证', '已办', '办好了', '已审批', '审批了', '已经批了', '已有动火证', '动火证已', '手续齐', '已报批', '报备了'];
/** Nobody watching the work or the place. */
const UNWATCHED = [
  '没人看', '没有人看', '无人看', '没*人看', '没人监护', '无人监护', '没有监护', '没*人监护', '没人管', '无人管', '没*人管', '没人在场', '没有人在场', '没人盯',
  '没*人盯', '没放灭火器', '没有灭火器', '没配灭火器', '没*灭火器',
];

/** 双人双锁 not kept: one lock, one keeper, keys left about, a broken or open lock. */
const KEYS_UNCONTROLLED = [
  '一把锁', '一个锁', '单锁', '一道锁', '只上了', '没上锁', '没有上锁', '没锁', '未上锁', '不上锁', '不锁', '锁坏', '锁*坏', '坏了*锁', '锁不上', '锁不了',
  '钥匙*一个人', '一个人*钥匙', '一人*钥匙', '钥匙*一人', '钥匙都在', '钥匙都挂', '钥匙挂在', '钥匙插在', '钥匙放在', '钥匙*随便', '随便*钥匙', '钥匙*谁都', '谁都*钥匙',
  '钥匙*借', '借*钥匙', '钥匙没拔', '两把钥匙*都', '同一个人', '一人保管', '一个人保管', '一人管', '一个人管', '一个人拿', '一人拿', '他一个人', '她一个人',
  '就一个管理员', '只有一个管理员', '没有双人', '没双人', '未*双人', '没落实双人', '没*双锁', '未*双锁', '无双锁', '单人', '一个人领', '一个人发', '谁都能开',
  '谁都可以开', '都能打开', '都可以打开',
];

/** Flammable liquids, gases and explosives that have no place in a building full of people (plain 酒精 is everyday disinfectant). */
const FLAMMABLES = [
  '汽油', '柴油', '煤油', '天那水', '香蕉水', '稀料', '稀释剂', '油漆桶', '易燃易爆', '易燃液体', '易燃品', '易爆品', '鞭炮', '烟花', '酒精桶', '桶装酒精',
  '松节油', '松香水', '甲苯', '二甲苯', '白电油', '洗板水', '喷漆', '自喷漆', '固体酒精', '酒精块', '丁烷', '卡式炉气罐', '打火机油', '丙酮', '乙醚',
];
const GAS_CYLINDERS = ['液化气罐', '煤气罐', '液化石油气', '煤气瓶', '液化气瓶', '液化气钢瓶', '燃气瓶'];
/** Places full of people other than labs (guide.fire.3). */
const DENSE_PLACES = [
  '教学楼', '教室', '图书馆', '阅览室', '宿舍', '寝室', '礼堂', '报告厅', '体育馆', '楼道', '走廊', '楼梯间', '楼梯下', '楼梯底', '储藏间', '办公室', '美术室',
  '音乐室', '功能室', '舞蹈室', '会议室', '多功能厅', '大厅', '门厅', '架空层', '杂物间', '活动室', '午休室', '公寓',
];
/** More than a bench needs. */
const BULK = ['桶', '箱', '大瓶', '几瓶', '好几瓶', '升', '公斤', '斤', 'kg', '大量', '超量', '好几', '很多', '囤', '整箱', '一整', '几十', '一次领', '一大盆', '一盆'];

const LAB_PLACES = ['实验室', '实验楼', '准备室', '仪器室', '药品室', '实训室', '实训楼', '化学室', '危化品室', '试剂室', '实验', '科学教室', '科学室', '车间'];
/** Flammable or explosive reagents and gases found in school labs. */
const LAB_FLAMMABLES = [
  '汽油', '柴油', '煤油', '天那水', '香蕉水', '稀释剂', '乙醚', '丙酮', '甲醇', '乙酸乙酯', '石油醚', '正己烷', '环己烷', '甲苯', '二甲苯', '二硫化碳', '乙炔',
  '氢气', '液化气', '煤气罐', '易燃', '易爆', '爆炸品', '白磷', '红磷', '黄磷', '金属钠', '金属钾', '镁粉', '铝粉', '锌粉', '硫磺', '硫粉', '硝酸铵', '氯酸钾',
  '苦味酸', '工业酒精', '酒精桶', '桶酒精', '桶装酒精', '大量酒精',
];
/** Stored or handled against the rules: too much, mixed, near heat, in an ordinary cupboard, within pupils' reach. */
const STORED_BADLY = [
  ...BULK, '堆', '存放', '放了', '放着', '放在', '摆', '混', '放一起', '放在一起', '一起放', '挨着', '靠近', '旁边', '防爆', '普通柜', '普通的柜', '木柜',
  '铁皮柜', '暖气', '插座', '明火', '加热', '电炉', '窗边', '晒', '泄漏', '漏', '固定', '拿得到', '能拿到', '随便拿', '洗零件', '擦洗',
];
/** Properly stored: the report says so. */
const LAB_OK = ['已按要求', '按要求放', '按规定', '放入防爆柜', '放进防爆柜', '在防爆柜里', '防爆柜内', '限量内', '已清理', '已移走', '已转移'];

// ---- Rules -------------------------------------------------------------------------

export const majorRules: MajorRule[] = [
  {
    code: 'guide.fire.1', basis: 'guide', flag: true, suspected: false, item: 'org.fire-responsibility',
    title: '未建立健全消防安全工作责任体系，各级各岗位消防安全责任未落实',
    citation: `${GUIDE}消防第1项：没有建立健全消防安全工作责任体系，各级各岗位人员的消防安全责任没有落实`,
    patterns: [
      { all: [['消防安全责任', '消防责任', '消防安全管理人', '消防负责人'], ['没', '未', '无', '不清', '不明', '空缺', '缺']], none: ['培训'] },
      // Nobody answers for fire safety as a whole (not for one device).
      {
        all: [
          ['消防安全', '消防工作', '消防这块', '消防这一块', '消防方面', '消防管理'],
          ['谁负责', '没人负责', '无人负责', '没有人负责', '没人管', '没有人管', '没人抓', '责任人*没', '没*责任人', '没*谁负责', '不*谁负责', '职责不清', '责任不清'],
        ],
        none: ['培训', '演练'],
      },
    ],
  },
  {
    code: 'guide.fire.2', basis: 'guide', flag: true, suspected: false, item: 'fire.compliance',
    title: '学生宿舍、幼儿园儿童用房设在地下室或半地下室，或幼儿园儿童用房设在四层及以上',
    citation: `${GUIDE}消防第2项：学生宿舍或幼儿园儿童用房设在地下室、半地下室，或幼儿园儿童用房设在四层及以上`,
    patterns: [
      {
        all: [[...SLEEPING, '儿童用房', '幼儿', '午睡室', '睡眠室', '活动室', '住人', '住学生', '学生住', '床位', '睡觉', '小朋友'], BASEMENT],
        none: ['车库里的车', '停车'],
      },
      {
        all: [
          KINDERGARTEN,
          UPPER_FLOORS,
          ['活动室', '睡眠室', '午睡室', '寝室', '用房', '教室', '班', '上课', '活动', '睡', '孩子', '小朋友', '设在', '放在', '安排', '搬'],
        ],
      },
    ],
  },
  {
    code: 'guide.fire.3', basis: 'guide', flag: true, suspected: false, item: 'fire.compliance',
    title: '人员密集场所违规使用、储存易燃易爆危险品，或用不达A级的彩钢夹芯板搭建',
    citation: `${GUIDE}消防第3项：教学楼、图书馆、食堂、集体宿舍等人员密集场所违规使用或储存易燃易爆危险品，或采用芯材燃烧性能低于A级的彩钢夹芯板搭建`,
    patterns: [
      { all: [DENSE_PLACES, [...FLAMMABLES, ...GAS_CYLINDERS]], none: ['实验', '准备室', '药品室', '化学'] },
      { all: [['食堂', '餐厅', '厨房', '后厨'], FLAMMABLES] },
      {
        all: [[...DENSE_PLACES, '柜子'], ['酒精', '乙醇', '汽油', '油漆', '稀料', '液化气'], BULK],
        none: ['实验室', '准备室', '药品室', '酒精灯', '酒精棉', '消毒'],
      },
      {
        all: [['彩钢板', '彩钢夹芯', '彩钢夹心', '夹芯板', '夹心板', '泡沫夹芯', '泡沫夹心', '彩钢房', '泡沫板房', '活动板房', '简易板房']],
        none: ['a级', '岩棉', '不燃', '已拆', '拆除了'],
      },
    ],
  },
  {
    code: 'guide.fire.4', basis: 'guide', flag: true, suspected: false, item: 'fire.alarm-systems',
    title: '未按标准设置或不能正常使用火灾自动报警、自动灭火、消火栓、防排烟系统；学生宿舍、午休室无火灾报警',
    citation: `${GUIDE}消防第4项：没有按国家工程建设消防技术标准设置火灾自动报警、自动灭火、消火栓、防烟排烟等系统，或者设了但不合标准、不能正常使用；学生宿舍或午休室没有安装火灾自动报警系统，也没有安装具有联网功能的独立式火灾探测报警器`,
    patterns: [
      { all: [SLEEPING, DETECTORS, [...MISSING, '没通电', '没接电']], none: SETTLED },
      { all: [FIRE_SYSTEMS, BROKEN], none: SETTLED },
      { all: [['消火栓', '消防栓'], ['没水', '没有水', '无水', '不出水', '断水', '水都没', '水也没', '没出水', '出不来水', '出不了水', '放不出水']] },
    ],
  },
  {
    code: 'guide.fire.5', basis: 'guide', flag: true, suspected: false, item: 'fire.hot-work',
    title: '校内电焊、气焊、切割、喷灯等明火作业未办理动火审批、未落实现场监管',
    citation: `${GUIDE}消防第5项：校内施工进行电焊、气焊、切割、喷灯等明火作业，没有办理动火审批，也没有落实现场安全监管`,
    patterns: [
      {
        all: [HOT_WORK, ['审批', '动火证', '手续', '报批', '批准', '许可', '报备', '备案', '申请', '打招呼', '说一声', '同意'], ['没', '未', '无', '不']],
        none: PERMIT_OK,
      },
      { all: [HOT_WORK, UNWATCHED] },
    ],
  },
  {
    code: 'guide.fire.6', basis: 'guide', flag: true, suspected: false, item: 'fire.e-bikes',
    title: '电动自行车（含电池）进楼，或私拉乱接电线、飞线充电',
    citation: `${GUIDE}消防第6项：电动自行车（含电池）进楼，或私拉乱接电线、飞线充电`,
    patterns: [
      { all: [E_BIKE, INDOORS] },
      { all: [TRACTION_BATTERY, ['充电', '充', '插着'], [...INDOORS, '宿舍', '教室']] },
      { all: [['电池'], ['拆下', '卸下', '拆下来', '卸下来', '拎', '扛', '提上', '搬上', '拿上'], [...CHARGING, ...INDOORS, '宿舍', '教室']], none: ['手机', '充电宝', '遥控'] },
      { all: [['飞线', '私拉乱接', '私拉', '乱拉电线', '乱接电线', '私接电线', '乱拉乱接', '拉线充电', '接线充电']] },
      {
        all: [
          ['插线板', '拖线板', '接线板', '插排', '电线', '电源线', '长线', '一根线', '拉线'],
          ['窗', '楼上', '阳台', '吊下', '垂下', '拉下', '拉到', '拉出', '拖到', '接到', '伸出'],
          ['充电', ...E_BIKE],
        ],
      },
      // A cord run out of a building (拉了根线, 扯了一根电线) to charge a vehicle or battery.
      {
        all: [
          ['拉*线', '接*线', '扯*线', '牵*线', '拖*线', '放*线', '吊*线', '拉*插', '接*插', '扯*插', '拖*插'],
          [...E_BIKE, '电瓶', '电池', '车棚', '窗', '楼上', '楼下', '阳台', '外面'],
          CHARGING,
        ],
        none: ['手机'],
      },
    ],
  },
  {
    code: 'guide.fire.7', basis: 'guide', flag: true, suspected: false, item: 'fire.compliance',
    title: '房屋建筑未经消防设计审查或消防验收即施工、使用；校内公众聚集场所未经许可营业',
    citation: `${GUIDE}消防第7项：教室、宿舍、图书馆、食堂等房屋建筑施工前没有取得消防设计审查合格意见，或投入使用前没有取得消防验收（备案）合格意见；校内宾馆、饭店、商场（含超市）等公众聚集场所未经消防救援机构许可擅自投入使用或营业`,
    patterns: [
      { all: [['消防验收', '消防审查', '消防设计审查', '消防备案', '消防审批', '消防许可', '消防手续', '消防合格'], NOT_DONE] },
      { all: [['消防'], ['没验收', '未验收', '没有验收', '验收没过', '验收不合格', '没过验收', '还没验收', '没做验收', '没办*手续', '手续没办', '没*审批']], none: ['演练', '培训'] },
      {
        all: [
          ['新建', '新楼', '新盖', '改造', '改建', '扩建', '加建', '装修', '刚建', '刚盖', '新宿舍', '新食堂', '新教学楼', '新的宿舍', '新的食堂', '新的教学楼'],
          ['验收'],
          NOT_DONE,
        ],
        none: ['隐患', '整改'],
      },
    ],
  },
  {
    code: 'guide.fire.8', basis: 'guide', flag: true, suspected: false, item: 'fire.exits-clear',
    title: '人员密集场所未设独立安全出口，或安全出口数量不足、总净宽度不足',
    citation: `${GUIDE}消防第8项：人员密集场所没有按规定设置独立的安全出口，或安全出口数量不足，或总净宽度小于国家标准规定值的80%`,
    patterns: [
      {
        all: [
          ['安全出口', '疏散出口', '出口', '疏散楼梯', '疏散门', '出入口'],
          [
            '只有一个', '只有1个', '就一个', '仅一个', '仅有一个', '只设了一个', '只设一个', '一个出口', '数量不够', '数量不足', '不够宽', '太窄', '宽度不够', '宽度不足',
            '砌', '封死', '焊死', '封掉', '封起来', '封上了', '焊上', '钉上', '钉死',
          ],
        ],
      },
      { all: [['只有一个门', '只有一扇门', '只有一道门', '就一个门', '只有一个门能', '只有一个楼梯', '只有一部楼梯', '就一个楼梯', '唯一的出口', '唯一出口', '唯一的楼梯']] },
      // Only one way in or out of a room that holds many people.
      {
        all: [
          [...CROWDED_ROOMS, '教室', '宿舍', '车间', '实训室', '幼儿园'],
          ['只能从*进出', '只能从*出入', '只能走*门', '只有*门能开', '只有*门能走', '只有*个门能'],
        ],
      },
      // A locked or chained exit leaves the building with fewer exits than it was built with.
      { all: [EXIT_WAYS, LOCKED_SHUT], none: NOT_LOCKED },
      { all: [CROWDED_ROOMS, ['后门', '前门', '侧门', '边门', '安全门', '楼门', '一楼门', '消防门'], LOCKED_SHUT], none: NOT_LOCKED },
    ],
  },
  {
    code: 'guide.fire.9', basis: 'guide', flag: true, suspected: false, item: 'fire.window-bars',
    title: '人员密集场所门窗设置影响逃生和灭火救援的障碍物（铁栅栏、铁丝网、广告牌等）',
    citation: `${GUIDE}消防第9项：人员密集场所的门窗设有妨碍逃生和灭火救援的障碍物，包括外窗被铁栅栏、铁丝网封堵或被广告牌遮挡`,
    patterns: [
      { all: [BARS, ['窗', '宿舍', '寝室', '教室', '外墙', '阳台', '封闭', '封死', '焊']], none: BARS_OK },
      { all: [['广告牌', '广告布', '招牌', '广告', '横幅', '喷绘'], ['窗'], ['挡', '遮', '封', '盖']] },
      { all: [['窗'], ['焊死', '封死', '钉死', '焊了*条', '焊了*网', '焊了*栏', '焊上了', '焊满']], none: ['已拆', '拆了', '拆掉', '拆除'] },
    ],
  },
  {
    code: 'guide.fire.10', basis: 'guide', flag: true, suspected: false, item: 'lab.flammables',
    title: '实验室违规存放、使用易燃易爆危险品',
    citation: `${GUIDE}消防第10项：实验室内违规存放、使用易燃易爆危险品（该项后半句原文未取得）`,
    patterns: [
      { all: [LAB_PLACES, LAB_FLAMMABLES, STORED_BADLY], none: LAB_OK },
      // Plain alcohol is normal at a bench; in bulk, or outside the explosion-proof cabinet, it is not.
      {
        all: [
          LAB_PLACES,
          ['酒精', '乙醇'],
          [...BULK, '未放防爆', '没放防爆', '没有放防爆', '不在防爆', '没有防爆柜', '无防爆柜', '没有放进防爆', '暖气', '插座', '明火', '电炉', '窗边', '晒'],
        ],
        none: ['毫升', 'ml', '酒精灯', '酒精棉', '消毒', ...LAB_OK],
      },
    ],
  },
  {
    code: 'redline.building.d-class', basis: 'redline', flag: true, suspected: true, item: 'building.danger-rating',
    title: 'D级危房仍在使用或未封停',
    citation: `${SUSPECT}：D级危房必须立即停用、封闭并拆除（校舍安全工程要求，非《判定指南》原文）`,
    patterns: [{ all: [['d级', 'd类', '危房', '危险房屋', '危楼']], none: ['制度', '已拆', '拆除了', '不是危房', '非危房', '没有危房', '无危房'] }],
  },
  {
    code: 'redline.fire.gas-alarm', basis: 'redline', flag: true, suspected: true, item: 'fire.kitchen-gas',
    title: '使用燃气未安装可燃气体报警装置或装置失效',
    citation: `${SUSPECT}：《安全生产法》第三十六条，餐饮等行业的生产经营单位使用燃气应当安装可燃气体报警装置`,
    patterns: [{ all: [['燃气', '煤气', '天然气', '液化气', '可燃气体'], ['报警', '切断', '探测'], [...MISSING, '锈死', '关不上', '过期']], none: SETTLED }],
  },
  {
    code: 'redline.facilities.special-equipment', basis: 'redline', flag: true, suspected: true, item: 'facilities.special-equipment',
    title: '电梯、锅炉、压力容器等特种设备未经定期检验或检验不合格仍在使用',
    citation: `${SUSPECT}：《特种设备安全法》，特种设备未经定期检验或检验不合格的不得继续使用`,
    patterns: [
      {
        all: [
          [
            '特种设备', '电梯', '锅炉', '压力容器', '安全阀', '压力表', '蒸汽', '蒸饭柜', '蒸柜', '蒸箱', '蒸饭车', '储气罐', '起重', '升降机', '扶梯', '货梯',
            '传菜梯', '杂物梯', '升降平台', '气瓶', '钢瓶',
          ],
          ['检验', '年检', '校验', '检测', '定检', '送检', '检定', '合格证', '使用登记', '登记证', '检验标志', '没校', '未校', '没检', '未检', '没*检过', '没*校过', '没*验过'],
          ['没', '未', '过期', '超期', '到期', '逾期', '过了', '很久', '好久', '不合格', '失效', '无'],
        ],
        none: ['制度', '规定', '管理办法'],
      },
    ],
  },
  {
    code: 'redline.bus.overload', basis: 'redline', flag: true, suspected: true, item: 'governance.school-bus',
    title: '校车或接送车辆超员',
    citation: `${SUSPECT}：《校车安全管理条例》禁止校车超员`,
    patterns: [{ all: [[...PUPIL_VEHICLES, '小车', '车上', '车里'], OVERLOADED] }],
  },
  {
    code: 'redline.bus.driver', basis: 'redline', flag: true, suspected: true, item: 'governance.school-bus',
    title: '校车驾驶人资质不符（准驾车型、驾龄、年龄）',
    citation: `${SUSPECT}：《校车安全管理条例》校车驾驶人须持相应准驾车型驾驶证、3年以上驾驶经历、年龄25至60周岁`,
    patterns: [{ all: [PUPIL_VEHICLES, ['司机', '驾驶员', '驾驶人', '开车的'], DRIVER_UNFIT] }],
  },
  {
    code: 'redline.bus.escort', basis: 'redline', flag: true, suspected: true, item: 'governance.school-bus',
    title: '校车未配备随车照管人员',
    citation: `${SUSPECT}：《校车安全管理条例》校车须配备随车照管人员`,
    patterns: [
      { all: [PUPIL_VEHICLES, ['照管', '跟车', '随车', '照看', '看护'], ['没', '无', '不', '缺']] },
      { all: [PUPIL_VEHICLES, ['只有司机', '就司机', '司机一个人', '光司机', '只有一个司机']] },
    ],
  },
  {
    code: 'redline.lab.double-lock', basis: 'redline', flag: true, suspected: true, item: 'lab.double-lock',
    title: '危险化学品未落实双人保管、双锁管理',
    citation: `${SUSPECT}：危险化学品专柜专库存放，落实双人保管、双锁、双人使用（"三双"）`,
    patterns: [
      {
        all: [['危化品', '危险化学品', '剧毒', '易制毒', '易制爆', '药品柜', '试剂柜', '危化', '化学品', '药品库', '试剂库'], KEYS_UNCONTROLLED],
        none: ['制度'],
      },
    ],
  },
];
