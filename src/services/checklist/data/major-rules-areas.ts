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
const BUILDING_OK = ['已加固', '加固完', '加固好', '加固*完', '加固*好了', '加固已', '复鉴合格', '拆完', '已经拆', '拆掉了', '已封闭', '已经封闭', '已停用', '已经停用', '已拆除', '已经拆除', '拆掉了', '已搬离', '已腾空', '已经封了', '封起来了', '封掉了', '搬去', '搬到', '搬走', '搬出去了', '已搬', '腾空了', '不再使用', '停课', '鉴定为a级', '鉴定为b级', 'a级', 'b级', '不是危房', '非危房'];


/** Still in use by people: classes, sleeping, meals, meetings, or people walking under or past it. */
const IN_USE = [
  '还在用', '仍在用', '还在使用', '仍在使用', '继续用', '继续使用', '照常', '照样', '还住', '住着', '住人', '住校生', '上课', '排课', '在用', '考试', '期中考', '期末考', '月考', '在里面考', '在里面上', '里面上', '还在里面', '还排', '照常上', '使用中', '没停用', '未停用', '没封', '没有封',
  '开会', '家长会', '打饭', '吃饭', '排队', '午睡', '睡觉', '寄宿', '女生宿舍', '男生宿舍', '学生宿舍', '楼上就是', '下面就是', '底下就是', '楼下就是', '旁边就是', '隔壁就是', '学生每天', '每天从', '学生*经过', '学生*走',
];
/** Load-bearing parts (not finishes). */
const STRUCTURE = ['承重墙', '墙体', '墙上', '房梁', '横梁', '大梁', '圈梁', '柱子', '立柱', '框架柱', '楼板', '屋面板', '地基', '楼体', '整栋', '地面往下沉', '地面下沉'];
/** A structural defect of the serious kind. */
const SEVERE = [
  '裂缝*宽', '越裂越', '越来越宽', '又宽了', '贯穿', '裂穿', '裂通', '塞进', '塞得进', '伸进', '透光', '斜缝', '好几条', '一直裂到', '裂到天花', '裂到顶', '错位', '往外歪',
  '往外倾', '往外鼓', '鼓出', '往一边倒', '往一边斜', '往一边歪', '斜裂缝', '越来越长', '越裂越长', '裂缝*长了', '明显倾斜', '倾斜', '下沉', '沉降', '钢筋露', '露出钢筋', '钢筋外露', '露筋', '钢筋*露', '露*钢筋', '一块一块', '往下掉', '断裂', '掉块', '掉渣',
];
/** Signs a load-bearing member is failing. */
const STRONG_SIGNS = [
  '往下弯', '弯了', '往下凹', '下凹', '凹下去', '下挠', '蛀空', '白蚁', '虫蛀', '朽了', '烂了好几根', '推会晃', '推就晃', '一推就晃', '手推*晃', '从*楼裂到', '裂到*楼', '毫米', 'mm', '公分宽',
  '厘米宽', '厘米的缝', '掉一地粉',
];
/** Things hung on a wall: their cracks are not the wall's. */
const ON_THE_WALL = ['黑板', '白板', '玻璃', '镜子', '展板', '宣传栏', '画框', '相框', '一体机', '电视', '挂钟', '开关', '插座'];
/** A whole building, not one part of it. */
const WHOLE_BUILDING = ['教学楼', '宿舍楼', '综合楼', '实验楼', '科学楼', '办公楼', '行政楼', '图书馆', '老楼', '旧楼', '楼体', '整栋', '这栋楼', '那栋楼', '校舍', '礼堂', '食堂', '体育馆'];
/** The building as a whole leans or sinks. */
const LEANING = ['往一边歪', '往一边倒', '往一边斜', '往*边歪', '往*边斜', '往*边倒', '整体倾斜', '明显倾斜', '明显*歪', '楼*歪', '楼体*斜', '整栋*斜', '整栋*歪', '地基*沉', '下沉', '沉降', '陷下去', '门框变形'];
/** Finishes whose cracks are not structural. */
const SURFACE_ONLY = ['油漆', '漆面', '墙漆', '腻子', '墙皮', '粉刷', '抹灰', '瓷砖', '墙砖', '贴面', '涂料', '墙纸', '壁纸', '表面', '细纹', '发丝', '头发丝', '起皮'];

/** About to fall, over people. */
const ABOUT_TO_FALL = [
  '随时会掉', '随时掉', '随时会塌', '随时会倒', '随时可能', '摇摇欲坠', '快掉了', '快掉下来', '要掉下来', '吊在那', '悬着', '晃来晃去', '一直在晃', '在那晃', '往外斜', '往人行道歪',
  '明显*歪', '往外歪', '锈断', '断了一根', '掀了一半', '快倒了', '要倒了', '鼓了一大片', '鼓起一大片', '大面积空鼓', '空了一大片', '一吹就晃', '风一吹*晃',
  '吹得*晃', '晃得厉害', '支架歪', '架子歪', '斜挂着', '歪挂着',
  // Sagging, or a facade hollow over a wide area (one fallen tile alone is not).
  '往下垂', '垂下来', '下垂', '耷拉', '往下塌', '一片一片空鼓', '成片空鼓', '又掉了', '往外鼓', '鼓得厉害', '砖都松',
];
const PEOPLE_BELOW = ['底下', '下面', '楼下', '下方', '出入口', '通道', '人行道', '墙根', '门口', '经过', '站在', '等孩子', '人来人往', '进出', '走过', '路过', '从下'];
/** The spot below is already closed to people. */
const CORDONED = ['警戒线', '拉了警戒', '围起来了', '围挡', '不让人过', '不让人走', '禁止通行', '已设警戒', '已经拆', '已拆', '已加固'];

/** Slopes and landslips near buildings: signs of movement. */
const GEO_SIGN = [
  '要滑', '滑的样子', '裂开', '鼓出', '掉了几块', '迹象', '裂缝', '开裂', '裂了', '松动', '下滑', '滑下', '滑了', '往下滑', '往下掉', '掉石头', '掉土', '垮', '塌', '鼓', '倾斜', '歪', '冒水', '渗水', '泥水', '隐患点',
];
const NEAR_BUILDINGS = ['靠近', '紧挨', '挨着', '旁边', '背后', '后面', '下面', '上方', '对着', '离', '贴着', ...SCHOOL_BUILDINGS];

const LAPSED = ['没有', '没', '无', '未', '过期', '到期', '逾期', '失效', '超期', '过了', '没办', '没续', '拿不出', '找不到', '缺', '还在办', '正在办', '在申请', '还在审', '没下来', '还没批'];
const LICENCE_OK = ['没问题', '都正常', '齐全', '已办', '办好了', '已续', '续好了', '刚续', '已更新', '在有效期', '有效期内', '齐全', '都有', '已取得'];




/** People who handle food. */
const FOOD_STAFF = ['厨师', '厨工', '帮厨', '炊事员', '打饭', '打菜', '阿姨', '师傅', '员工', '从业人员', '工作人员', '配菜', '面点', '切配', '洗碗', '帮工', '新来的', '食堂'];
const NO_CERT = ['没有健康证', '没健康证', '无健康证', '健康证*没', '健康证*过期', '健康证*到期', '健康证*失效', '没*健康证', '未*健康证', '没办*健康证', '健康证*没办', '没体检', '没有体检', '未体检'];
const CERT_OK = ['都在', '都有', '齐全', '有效期内', '在有效期', '下个月到期', '快到期', '即将到期', '提醒*续', '已办', '办好了', '已续'];
const SAMPLE_MISSING = [
  '根本没有', '没有*的', '只有周', '找不到', '没留样', '没有留样', '未留样', '不留样', '漏留', '忘了留', '忘记留', '没留', '没有留', '都没留', '一个都没留', '留样*空', '留样*没', '留样*不够', '留样*不足', '只留了', '只放了一天', '只留了一天',
  '一天就倒', '就倒掉', '就倒了', '就扔了', '不到48小时', '没到48小时', '不满48小时', '不足48小时',
];
const SAMPLE_OK = ['留样都在', '都留了', '按要求留', '已留样', '留样齐全'];

/** Food that has gone off, and signs it is being served anyway. */
const SPOILED = ['过期', '变质', '发霉', '霉变', '馊', '臭了', '发臭', '腐烂', '烂了', '有味了', '有异味', '味道不对', '生虫', '长虫'];
const FOOD_STUFF = ['豆浆', '饭菜', '剩菜', '汤', '粥', '牛奶', '奶', '食品', '酸奶', '肉', '米', '面粉', '面条', '油', '鸡蛋', '蔬菜', '菜', '食材', '原料', '调料', '馒头', '包子', '面包', '点心', '冻品', '海鲜', '鱼'];
const SERVED_ANYWAY = [
  '喝掉', '喝了', '吃掉', '已经吃', '已经喝', '发了', '发下去', '发给', '吃了', '打出去', '给学生', '给孩子', '供应', '还能用', '照样用', '继续用', '还在用', '拿来做', '菜单上', '做成', '端上', '卖给', '已经做', '今早', '早点',
];
const UNDERCOOKED = ['没炒熟', '没煮熟', '不熟', '没熟', '半生', '夹生', '生青', '还是生', '是生的', '没烧熟', '没熟透', '颜色还是生', '还是青的', '发青', '青青的', '脆脆的', '咬起来*脆', '没煮开', '没烧开'];

/** Poisons and pesticides, which have no place next to food. */
const TOXICS = ['老鼠药', '鼠药', '灭鼠', '毒鼠', '杀虫剂', '杀虫喷雾', '灭蟑', '蟑螂药', '农药', '敌敌畏', '除草剂', '亚硝酸盐', '工业盐', '火碱', '烧碱'];
const NEXT_TO = ['挨着', '旁边', '一起', '一层', '同一', '混放', '混在', '放在', '摆在', '就在', '靠着', '紧挨', '隔壁'];

/** Oxidisers and fuels that must not share a cabinet. */
const OXIDISERS = ['浓硫酸', '浓硝酸', '硝酸', '高锰酸钾', '氯酸钾', '过氧化氢', '双氧水', '过氧化钠', '重铬酸钾', '硝酸钾', '硝酸铵', '高氯酸', '氧化剂'];
const FUELS_AND_UNKNOWN = ['酒精', '乙醇', '乙醚', '丙酮', '汽油', '甲醇', '甲苯', '有机溶剂', '还原剂', '金属钠', '镁粉', '铝粉', '硫磺', '硫粉', '红磷', '白磷', '甘油', '煤油', '易燃', '不知道是啥', '不知道是什么', '标签掉', '没标签'];
const TOGETHER = ['同一个柜', '同一柜', '同柜', '同一格', '一格', '同一层', '一起', '混放', '混在', '混着', '挨着', '并排', '紧挨', '一个柜', '放一个', '一个架子', '旁边', '挤着', '一块', '一堆', '搁一起', '堆一起', '放一块'];
const APART = ['分开放', '分柜', '分开存放', '分类存放', '不同柜', '两个柜', '隔开', '已分开', '分开了'];
/** Substances whose loss must be reported to the police (易制爆、剧毒). */
/** Named hazardous chemicals and the words for them as a class. */
const HAZCHEM = [
  '危化品', '危险化学品', '危险品', '易制爆', '易制毒', '剧毒', '浓硫酸', '硫酸', '浓硝酸', '硝酸', '浓盐酸', '高锰酸钾', '氯酸钾', '重铬酸钾', '硝酸铵', '硝酸钾', '过氧化钠', '金属钠',
  '白磷', '黄磷', '氰化', '砒霜', '汞', '水银', '乙醚', '丙酮', '苯酚',
];
/** Not in a dedicated chemicals cabinet or store: ordinary shelves and cupboards, open racks, boxes in a corridor. */
const NO_CABINET = [
  '没有专柜', '没专柜', '无专柜', '没*专用柜', '无*专用柜', '没有*专用柜', '没*专柜', '没有危化品柜', '没有危化品库', '没*危化品柜', '普通试剂柜', '普通的试剂柜', '普通柜', '普通的柜', '普通*柜子', '普通架',
  '普通的架', '普通*架子', '木头架', '木架', '木柜', '开放的架', '敞开的架', '敞开放', '开放式架', '讲台抽屉', '抽屉里', '办公桌', '纸箱', '纸盒', '随便放', '随手放', '放*走廊', '放在*走廊', '堆*走廊', '堆在*走廊', '摆*走廊', '放*楼道', '堆*楼道', '放*过道', '堆*过道',
];
const CONTROLLED = ['硝酸钾', '硝酸铵', '氯酸钾', '高锰酸钾', '易制爆', '剧毒', '氰化', '金属钠', '镁粉', '铝粉', '硫磺', '过氧化钠', '砒霜', '硝酸', '过氧化氢', '双氧水', '重铬酸钾'];
const GONE_MISSING = ['对不上', '少了', '不见了', '丢了', '丢失', '被偷', '去向不明', '没人知道', '找不到', '就剩', '不知去向'];
/** Toxic air where people work. */
const FUMES = ['焊接', '练焊', '烟很大', '烟大', '烟雾', '喷漆', '油漆', '稀料', '焊烟', '福尔马林', '甲醛', '氨水', '氯气', '有毒气体', '冲鼻', '刺鼻', '熏得', '头晕', '一开焊整层', '整层都是烟', '都是烟', '粉尘'];
const NO_VENT = ['抽烟机*坏', '排烟机*坏', '排气扇*坏', '抽风扇*坏', '风机*坏', '抽风机*坏', '抽风*坏', '排风机*坏', '没*防毒面具', '没人戴', '排风扇坏', '排风*坏', '通风橱*坏', '没排烟', '没有排烟', '不排烟', '没通风', '没有通风', '不通风', '窗*封死', '封死', '没开排风', '没有排风', '排风*不转'];

/** Pupil-carrying vehicles, as in major-rules.ts. */
const PUPIL_VEHICLES = [
  '金杯', '拼车', '接我们', '接孩子', '校车', '校巴', '接送车', '接送的车', '接送学生', '接送孩子', '接孩子的车', '送孩子的车', '送学生的车', '接驳车', '通勤车', '学生专车', '面包车', '班车', '大巴', '中巴', '小巴', '包车', '黑车', '三轮车',
];
const BUS_PERMIT = ['校车标志', '校车使用许可', '使用许可', '校车许可', '校车标牌', '校车标志牌', '许可证', '运营资质', '营运资质', '道路运输证', '营运证', '备案', '没办许可', '没有许可'];
const PERMIT_OK = ['没问题', '都查了', '手续都齐', '都齐', '齐全', '有效期内', '在有效期', '已办', '办好了', '已备案', '报备过', '已经报备'];
const NOT_PERMITTED = ['没', '未', '无', '过期', '到期', '失效', '没办', '没批', '没拿到', '还没下来', '拿不出', '借', '套牌', '假的'];
const BUS_UNFIT = ['没年检', '没有年检', '未年检', '年检过期', '年检*过期', '检验*过期', '没*检验', '报废', '到了报废', '没有保险', '保险*过期', '没*保险'];

/** Moving vehicles mixed with pupils inside the school grounds. */
const CAMPUS = ['校园内', '校园里', '校内', '学校里', '学校内', '操场', '校道', '教学区', '生活区', '宿舍区', '校门内', '进校'];
const MOTOR = ['把车', '开车', '汽车', '小车', '私家车', '货车', '送货车', '工程车', '渣土车', '机动车', '车辆', '社会车辆', '家长的车', '外来车', '泥头车', '面包车', '大车', '快递车', '送餐车'];
const MIXED = ['开进', '学生队伍', '离学生', '穿过去', '中间穿', '穿过', '学生正在', '正在往外走', '开进来', '学生*中间', '人车混', '人车*不分', '没有人车分流', '没*分流', '学生旁边', '学生身边', '学生*穿行', '穿过人群', '开得很快', '开得飞快', '横冲直撞', '倒车', '差点撞', '差点碰', '蹭到', '没人指挥', '随意进出', '随便开进', '随便开', '随意开', '乱开', '在旁边走', '就在旁边', '旁边走', '开进来', '开到', '直接开进', '放学*开', '课间*开', '上课*开'];

/** Crowds: stairs, doors and halls at the moments everyone moves at once. */
const PASSAGES = ['楼梯', '楼道', '梯口', '通道', '走廊', '出口', '门口', '过道', '转角', '拐角', '台阶', '看台', '礼堂', '食堂门', '宿舍门', '校门'];
const CRUSHED = [
  '挤倒', '挤伤', '踩伤', '踩踏', '后面的踩', '被踩', '踩在*身上', '压在*身上', '压在*下面', '叠在一起', '摔成一堆', '倒了一片', '摔倒一片', '挤得*倒', '挤趴', '被推倒', '差点*推倒', '差一点*推倒',
  '堵成一团', '挤成一团', '人叠人', '人压人', '叠罗汉', '堵死', '水泄不通', '出不去', '往下挤', '往前挤', '往前推', '往下推', '挤住了', '全挤', '挤一个楼梯', '挤在一个',
];
/** Many pupils moving at once through too little stair, or in the dark. */
const ALL_AT_ONCE = ['一起冲', '几个年级', '个班同时', '个班一起', '同时挤', '一起挤', '同时下楼', '一起下楼', '同时放学', '一起放学', '同时上下楼', '一起涌', '几个年级', '三个年级', '全校', '1000多', '上千', '几百'];
const TOO_LITTLE = ['冲', '抢', '涌', '挤', '只有一个楼梯', '只剩一个', '一个楼梯', '封了', '灯坏', '灯*坏', '不亮', '黑乎乎', '黑灯', '太窄', '堵'];
const CRUSH_OK = ['没出啥事', '没出事', '老师都在', '有老师', '值班老师', '有序', '演练', '模拟', '培训', '讲座', '教育', '视频', '新闻', '别的学校', '预案', '防踩踏', '防止踩踏', '避免踩踏', '没有踩踏', '打闹', '推搡', '欺负', '打架'];
const BIG_EVENT = ['校运会', '开幕式', '闭幕式', '运动会', '文艺汇演', '汇演', '演出', '晚会', '集会', '大会', '开学典礼', '毕业典礼', '典礼', '庆典', '升旗', '家长会', '开放日', '艺术节', '体育节', '游园', '观影', '讲座', '研学', '春游', '秋游', '大型活动', '集体活动'];
const MANY_PEOPLE = ['千人', '上千', '几千', '数千', '一千', '两千', '三千', '四千', '五千', '1000', '1500', '2000', '2500', '3000', '4000', '5000', '全校', '所有年级', '全体师生', '家长也来', '几百', '上百', '数百'];
const NO_PLAN = ['没见*方案', '没看到*方案', '没见到', '没有分工', '没分工', '没有方案', '没方案', '无方案', '没有预案', '没预案', '无预案', '没有安全方案', '没*方案', '没*预案', '未*方案', '未*预案', '方案*没', '预案*没', '没有报批', '没报批', '未审批', '没审批', '没*审批', '没有安保', '没安排*维持秩序', '没人维持秩序', '没*疏导'];
const PLAN_OK = ['已有方案', '已做方案', '方案已', '预案已', '已审批', '已报备', '已经报备', '方案和预案都', '预案都做了', '交到', '已交', '都交了', '等批复', '在等批', '已上报', '已经上报'];
/** Events that gather the whole school by their nature: no head count is needed to call them large. */
const WHOLE_SCHOOL_EVENTS = ['运动会', '校运会', '体育节', '艺术节', '文艺汇演', '汇演', '元旦晚会', '新年晚会', '迎新晚会', '游园会', '开学典礼', '毕业典礼', '开幕式'];
/** The safety plan or the emergency plan itself is missing (not any 方案 of the event). */
const NO_SAFETY_PLAN = ['没*预案', '无预案', '未*预案', '预案*没', '没*安全方案', '无安全方案', '未*安全方案', '安全方案*没', '没*安保方案', '安保方案*没', '没有安保'];

/** Within a pupil's reach. */
const WITHIN_REACH = ['伸手', '够得着', '够得到', '能碰到', '碰得到', '摸得到', '摸到', '碰了', '碰到', '一米'];
/** Pupils play or pass right there. */
const PUPILS_ABOUT = ['踢球', '在那玩', '在那边玩', '在旁边玩', '跑来跑去', '学生常在', '学生经常在', '孩子常在', '小朋友常在', '学生*玩', '孩子*玩', '小朋友*玩', '课间*玩', '学生常坐', '学生*坐', '孩子*坐', '坐在那', '靠在那', '学生经常', '孩子经常'];

/** Power rooms and cables in water. */
const POWER_ROOMS = ['配电房', '配电室', '配电间', '配电柜', '配电箱', '变压器', '电房', '开关柜', '电缆沟', '电缆井', '强电井', '总闸', '电井'];
const WATER_IN = ['进水', '积水', '泡水', '泡在水', '淹', '水浸', '浸水', '水漫', '水淹', '被水', '漏水'];
const GAS_LINES = ['燃气管', '煤气管', '天然气管', '燃气管道', '煤气管道', '液化气管', '软管', '燃气表', '调压箱', '燃气阀'];
const GAS_DAMAGE = ['漏气', '泄漏', '腐蚀', '锈穿', '锈蚀', '老化开裂', '开裂', '裂了', '破了', '胶布缠', '胶带缠', '缠着胶', '压扁', '压在', '私接', '私改', '乱接', '穿墙没套管', '被压', '接长', '接了一截', '自己接', '私自接', '水管', '铁丝绑', '铁丝缠', '绑的'];
const GAS_OK = ['检测正常', '已更换', '已经更换', '换新', '换了新', '燃气公司*检查', '没有漏', '测过*没问题', '测过没事', '已修好', '修好了'];

export const areaMajorRules: MajorRule[] = [
  // ---- 校舍安全 ----
  {
    code: 'redline.building.c-class', basis: 'redline', flag: true, suspected: true, item: 'building.danger-rating',
    title: 'C级危房（局部危险）未加固仍照常使用',
    citation: `${SUSPECT}：C级危房须限制使用、限期加固，未加固不得照常使用（《危险房屋鉴定标准》JGJ 125，非《判定指南》原文）`,
    patterns: [{ all: [['c级', 'c类', '局部危房'], IN_USE], none: [...BUILDING_OK, '制度'] }],
  },
  {
    code: 'redline.building.structure', basis: 'redline', flag: true, suspected: true, item: 'building.structure',
    title: '校舍承重结构严重开裂、倾斜、沉降，仍有人使用',
    citation: `${SUSPECT}：校舍主体结构出现严重裂缝、倾斜、沉降、露筋，须立即停用并鉴定（校舍安全管理要求，非《判定指南》原文）`,
    patterns: [
      { all: [STRUCTURE, SEVERE, IN_USE], none: [...SURFACE_ONLY, ...BUILDING_OK, ...ON_THE_WALL] },
      // A crack in a load-bearing member wide enough to take a finger, a coin or a pen.
      {
        all: [['承重墙', '承重柱', '承重梁', '房梁', '横梁', '大梁', '圈梁', '框架柱', '柱子'], ['裂缝', '裂了', '开裂', '裂开'], ['塞得进', '塞进', '伸进', '伸得进', '插进', '插得进', '放得进', '能放进', '贯穿', '裂穿', '越来越宽', '又宽了']],
        none: [...SURFACE_ONLY, ...BUILDING_OK],
      },
      // The building itself leans or sinks while people use it.
      { all: [WHOLE_BUILDING, LEANING, IN_USE], none: [...SURFACE_ONLY, ...BUILDING_OK] },
      // Signs that a member is failing, whoever is inside: deflection, rot, a crack across floors or of measured width.
      { all: [[...STRUCTURE, '梁', '屋架', '栏板', '挑檐', '阳台', '墙', '楼面'], STRONG_SIGNS], none: [...SURFACE_ONLY, ...BUILDING_OK, '篮板', '玻璃'] },
    ],
  },
  {
    code: 'redline.building.falling', basis: 'redline', flag: true, suspected: true, item: 'building.finishes',
    title: '屋面、围墙、吊顶等构件随时可能坠落、倒塌，下方有人通行',
    citation: `${SUSPECT}：校舍构件有坠落、倒塌危险的，须立即设警戒、停用下方区域并排险（校舍安全管理要求，非《判定指南》原文）`,
    patterns: [{ all: [['彩钢瓦', '瓦', '屋面', '吊顶', '顶棚', '雨棚', '围墙', '外墙', '墙', '楼板', '天花', '女儿墙', '檐'], ABOUT_TO_FALL, PEOPLE_BELOW], none: [...BUILDING_OK, ...CORDONED] }],
  },
  {
    code: 'redline.building.geohazard', basis: 'redline', flag: true, suspected: true, item: 'building.walls-slopes',
    title: '校舍周边存在滑坡、崩塌、泥石流、地面塌陷等地质灾害隐患',
    citation: `${SUSPECT}：校舍选址和使用须避开地质灾害危险区，出现滑坡、崩塌迹象须撤离人员（《地质灾害防治条例》，非《判定指南》原文）`,
    patterns: [
      { all: [['滑坡', '泥石流', '崩塌', '塌方', '地面塌陷', '地陷', '落石', '滚石'], NEAR_BUILDINGS], none: ['演练', '培训', '预案', '已治理', '治理完', '已排危'] },
      // The ground itself sinking into a hole (a void below) where pupils are.
      { all: [['地面', '地上', '操场', '跑道', '路面', '地基'], ['塌出*坑', '塌了*坑', '陷出*坑', '陷下去', '往下沉', '一直*沉', '下面*空的', '底下*空的', '塌陷'], ['上课', '学生', '孩子', '旁边', '经过', '体育课', '在用']], none: ['演练', '培训', '已填', '已回填', '填好', '围起来', '警戒'] },
      { all: [['山体', '后山', '山坡', '边坡', '护坡', '挡土墙', '坡'], GEO_SIGN, NEAR_BUILDINGS], none: ['泄水孔', '排水孔', '演练', '培训', '预案', '已治理', '治理完', '已排危', '杂草', '长草', '树叶', '垃圾', '青苔'] },
    ],
  },
  // ---- 食品安全 ----
  {
    code: 'redline.food.license', basis: 'redline', flag: true, suspected: true, item: 'food.license',
    title: '学校食堂或供餐单位无有效食品经营许可证',
    citation: `${SUSPECT}：《食品安全法》第三十五条，从事餐饮服务应当依法取得许可；学校食堂、供餐单位须持有效食品经营许可证`,
    patterns: [
      { all: [['配餐', '供餐', '送餐', '托管', '承包', '订的', '订餐', '订饭'], ['无证', '没证', '没有证', '无照', '没执照', '没有执照', '小作坊', '黑作坊', '家庭作坊']], none: LICENCE_OK },
      { all: [['食堂', '配餐', '供餐', '送餐', '托管', '承包', '营养餐'], ['食品经营许可', '经营许可证', '许可证', '餐饮许可', '食品许可'], LAPSED], none: [...LICENCE_OK, '公示', '挂', '贴', '没有挂', '没挂', '没有公示', '没公示', '没贴', '没有贴', '校车'] }],
  },
  {
    code: 'redline.food.health-cert', basis: 'redline', flag: true, suspected: true, item: 'food.staff-health',
    title: '食堂从业人员无有效健康证明上岗',
    citation: `${SUSPECT}：《食品安全法》第四十五条，接触直接入口食品的从业人员须每年健康检查，取得健康证明后方可上岗`,
    patterns: [
      { all: [FOOD_STAFF, NO_CERT], none: [...CERT_OK, '校车', '司机', '保安'] },
      // The certificate and its lapse a few words apart: 「健康证上个月就过期了」.
      { all: [FOOD_STAFF, ['健康证', '健康证明'], ['过期', '到期了', '失效', '过了期'], ['还在', '照常', '照样', '上岗', '在岗', '打菜', '打饭', '做饭', '切菜', '窗口', '后厨', '上班']], none: [...CERT_OK, '校车', '司机', '保安'] },
    ],
  },
  {
    code: 'redline.food.samples', basis: 'redline', flag: true, suspected: true, item: 'food.samples',
    title: '未落实每餐次食品成品留样（不少于125克、冷藏48小时以上）',
    citation: `${SUSPECT}：《学校食品安全与营养健康管理规定》，每餐次食品成品应留样不少于125克、冷藏48小时以上；出事时留样是查明原因的依据`,
    patterns: [{ all: [['留样', '留了样'], SAMPLE_MISSING], none: SAMPLE_OK }, { all: [['菜', '饭', '餐', '点心'], ['没留样', '没有留样', '未留样']], none: SAMPLE_OK }],
  },
  {
    code: 'redline.food.toxic-storage', basis: 'redline', flag: true, suspected: true, item: 'food.storage',
    title: '鼠药、杀虫剂等有毒有害物品与食品、食材混放',
    citation: `${SUSPECT}：《学校食品安全与营养健康管理规定》，食堂不得存放有毒有害物品，杀虫剂、杀鼠剂等应专柜存放、远离食品加工和贮存区`,
    patterns: [{ all: [TOXICS, [...FOOD_STUFF, '米袋', '食用油', '调料', '操作间', '厨房', '仓库', '库房', '灶台', '案板'], NEXT_TO], none: ['已移走', '已清走', '已拿走', '专柜', '分开', '隔开', '单独放', '单独存放', '不在一起', '外面工具间'] }],
  },
  {
    code: 'redline.food.high-risk', basis: 'redline', flag: true, suspected: true, item: 'food.high-risk',
    title: '加工制售四季豆（未烧熟）、野生菌、发芽土豆等高风险食品，或供应变质过期食品',
    citation: `${SUSPECT}：《学校食品安全与营养健康管理规定》，中小学、幼儿园食堂不得加工制作四季豆、鲜黄花菜、野生蘑菇、发芽土豆等高风险食品，不得使用变质过期食品`,
    patterns: [
      { all: [['野生菌', '野蘑菇', '野菌', '山上采', '采的蘑菇', '发芽的土豆', '发芽土豆', '土豆发芽', '土豆都发芽', '发芽马铃薯', '鲜黄花菜', '河豚']], none: ['扔了', '已丢弃', '已经扔', '没用', '不用', '退货', '退回', '挑出来', '培训', '宣传'] },
      // Sprouted potatoes, by any of their names.
      { all: [['土豆', '马铃薯', '洋芋', '薯仔'], ['发芽', '长芽', '出芽', '冒芽']], none: ['扔了', '已丢弃', '已经扔', '不用', '退货', '退回', '挑出来', '培训', '宣传'] },
      // High-risk beans served undercooked.
      { all: [['四季豆', '豆角', '扁豆', '豆浆', '黄花菜'], UNDERCOOKED] },
      // Fresh daylilies (dried ones are safe).
      { all: [['黄花菜', '金针菜'], ['新鲜', '鲜的', '刚摘', '现摘', '凉拌']], none: ['干黄花菜', '干的', '晒干', '干货', '不用', '退回', '退货', '扔了'] },
      // Yesterday's leftovers served again.
      { all: [['剩菜', '剩饭', '隔夜', '前一天的', '昨天的菜', '吃剩'], ['第二天', '又给', '再给', '接着卖', '再卖', '热一热', '热热', '当早餐', '当午饭', '回锅']], none: ['倒掉', '扔掉', '处理掉'] },
      // Spoiled or expired food served, or about to be.
      { all: [SPOILED, FOOD_STUFF, SERVED_ANYWAY], none: ['扔了', '已丢弃', '已经扔', '退货', '退回', '小卖部', '零食', '售货机', '超市'] },
    ],
  },
  // ---- 实验实训 ----
  {
    code: 'redline.lab.incompatible', basis: 'redline', flag: true, suspected: true, item: 'lab.storage',
    title: '强氧化剂与易燃物、还原剂或不明试剂混存',
    citation: `${SUSPECT}：《危险化学品安全管理条例》第二十四条，危险化学品储存方式应符合国家标准，性质相抵触的不得混存`,
    patterns: [{ all: [OXIDISERS, FUELS_AND_UNKNOWN, TOGETHER], none: APART }],
  },
  {
    code: 'redline.lab.segregation', basis: 'redline', flag: true, suspected: true, item: 'lab.storage',
    title: '剧毒、易制爆化学品未单独专柜存放，或存放条件失控（受潮、高温、混倒）',
    citation: `${SUSPECT}：《危险化学品安全管理条例》第二十四条，剧毒化学品等应单独存放；储存条件和方式应符合国家标准`,
    patterns: [
      { all: [['易制爆', '易制毒', '剧毒', ...CONTROLLED], ['没单独', '没有单独', '未单独', '不单独', '和普通', '跟普通', '与普通', '摆一排', '放一起', '混着放', '混在一起', '普通柜', '普通架', '普通的架']], none: APART },
      // Hazardous chemicals kept anywhere but a dedicated cabinet or store.
      { all: [HAZCHEM, NO_CABINET], none: [...APART, '专柜里', '专柜内', '专用柜里', '放进专柜', '放回专柜', '锁进', '已移', '已经移', '已清', '灭火器', '黄沙', '标签'] },
      { all: [['汞', '水银', '剧毒', '氰化', '白磷', '金属钠', '装钠', '钠块', '钠的', '易制爆', '电石', '碳化钙'], ['纸盒', '纸箱', '潮', '烂了', '破了', '漏', '塑料袋', '随便放', '没上锁', '泡到水', '泡水', '进水', '淋湿', '淋到', '浸到', '太阳晒', '晒着', '暴晒', '窗边']], none: APART },
      { all: [['废液', '废酸', '废碱', '废试剂'], ['倒在一桶', '倒一桶', '倒在一个', '倒一起', '混在一起', '混倒', '一个桶', '一桶里']], none: ['分类收集', '分开收集'] },
      { all: [['乙醚', '丙酮', '汽油', '甲醇', '易燃'], ['三十七', '三十八', '三十多度', '37', '38', '高温', '温度很高', '很热', '温湿度计坏'], ['库', '柜', '室', '储藏', '放着']] },
    ],
  },
  {
    code: 'redline.lab.loss', basis: 'redline', flag: true, suspected: true, item: 'lab.ledger',
    title: '易制爆、剧毒化学品账物不符、去向不明',
    citation: `${SUSPECT}：《易制爆危险化学品治安管理办法》《危险化学品安全管理条例》，易制爆、剧毒化学品丢失、被盗须立即报告公安机关`,
    patterns: [
      { all: [CONTROLLED, GONE_MISSING], none: ['已找到', '找到了', '查清', '已查明', '对得上'] },
      // The book says one number, the cabinet holds fewer.
      { all: [CONTROLLED, ['台账上', '账上', '账面上', '记录上', '登记的', '登记是'], ['只有', '只剩', '实际', '实物只', '少']], none: ['已找到', '找到了', '查清', '已查明', '对得上', '也是', '一致', '相符'] },
      // Nothing recorded: what was taken cannot be traced.
      { all: [['领用', '领了', '出入库', '领取'], ['完全没记', '都没记', '没记', '不登记', '没有登记', '没登记', '没人登记']], none: ['签名', '签字'] },
    ],
  },
  {
    code: 'redline.lab.fumes', basis: 'redline', flag: true, suspected: true, item: 'lab.safety-kit',
    title: '实验实训场所有毒有害气体、烟尘无有效通风，仍有学生在内',
    citation: `${SUSPECT}：实验实训场所须通风排毒，通风设施失效时不得组织学生实验实训（实验室安全管理要求，非《判定指南》原文）`,
    patterns: [{ all: [FUMES, NO_VENT, ['还在', '上课', '正在', '戴的', '照常', '照样', '天天', '每天', '一开']], none: ['已修', '修好', '已停用', '停课'] }],
  },
  // ---- 校车校园交通 ----
  {
    code: 'redline.bus.permit', basis: 'redline', flag: true, suspected: true, item: 'governance.school-bus',
    title: '校车无校车使用许可，或使用未经检验、报废的车辆接送学生',
    citation: `${SUSPECT}：《校车安全管理条例》第十四条，使用校车应当取得校车使用许可；未经检验合格的车辆不得作为校车`,
    patterns: [
      { all: [PUPIL_VEHICLES, BUS_PERMIT, NOT_PERMITTED], none: ['驾驶资格', '驾驶证', '驾照', '健康证', ...PERMIT_OK] },
      { all: [PUPIL_VEHICLES, BUS_UNFIT] },
    ],
  },
  {
    code: 'redline.traffic.campus', basis: 'redline', flag: true, suspected: true, item: 'governance.traffic',
    title: '校园内机动车在学生活动区随意通行，未落实人车分流',
    citation: `${SUSPECT}：校园内机动车须限时限速、人车分流，上下学和课间禁止在学生活动区通行（校园交通安全管理要求，非《判定指南》原文）`,
    patterns: [{ all: [[...CAMPUS, '操场边'], MOTOR, MIXED, ['学生', '孩子', '小朋友', '放学', '课间', '上课', '做操', '人群']], none: ['已禁止', '已分流', '已设', '减速带', '停车场里', '演练', '没有登记', '没登记', '专用道', '专用通道', '还没到校', '到校前', '没有学生', '学生放学后'] }],
  },
  // ---- 预防拥挤踩踏 ----
  {
    code: 'redline.crowd.crush', basis: 'redline', flag: true, suspected: true, item: 'emergency.crowding',
    title: '楼梯、通道等人员集中部位发生或存在拥挤踩踏险情',
    citation: `${SUSPECT}：《中小学幼儿园安全管理办法》，学校应在学生集中的楼梯、通道等部位安排人员值守疏导，防止拥挤踩踏`,
    patterns: [
      { all: [[...PASSAGES, '下楼', '上楼', '散场', '放学', '集合', '人群'], CRUSHED], none: CRUSH_OK },
      { all: [ALL_AT_ONCE, TOO_LITTLE, ['楼梯', '楼道', '下楼', '梯']], none: CRUSH_OK },
      // The school gate opened a crack at the morning rush or at dismissal.
      { all: [['校门', '大门'], ['只开一扇', '只开一个', '只开了一', '只开小门', '一扇小门', '只开侧门', '只开一半'], ['挤', '推', '人多', '放学', '开门', '上学', '早上']], none: CRUSH_OK },
      // Of the ways down, one shut: everyone through the other.
      { all: [['楼梯', '出口', '楼道'], ['锁了一个', '封了一个', '关了一个', '锁一个', '封一个', '全走另一个', '全走一个', '都走另一个', '只剩一个']], none: CRUSH_OK },
      // Stairwells in the dark: every light out where pupils go down at night.
      { all: [['应急灯', '应急照明', '楼梯灯', '楼道灯'], ['全不亮', '都不亮', '全部不亮', '全坏', '都坏了', '全黑', '坏了一半'], ['楼梯', '楼道', '下楼', '晚自习', '放学']], none: CRUSH_OK },
    ],
  },
  {
    code: 'redline.crowd.event-plan', basis: 'redline', flag: true, suspected: true, item: 'emergency.plans',
    title: '大型集体活动无安全工作方案和应急预案',
    citation: `${SUSPECT}：《中小学幼儿园安全管理办法》第二十九条，组织大型集体活动应制定安全应急预案；《大型群众性活动安全管理条例》，1000人以上活动须有安全工作方案`,
    patterns: [{ all: [BIG_EVENT, MANY_PEOPLE, NO_PLAN], none: PLAN_OK }, { all: [WHOLE_SCHOOL_EVENTS, NO_SAFETY_PLAN], none: [...PLAN_OK, '班会', '注意事项', '演练'] }],
  },
  // ---- 特种设备使用及水电气热运行 ----
  {
    code: 'redline.utilities.power-room-water', basis: 'redline', flag: true, suspected: true, item: 'facilities.power-room',
    title: '配电房、配电设施进水、漏水，电缆浸泡在水中',
    citation: `${SUSPECT}：配电房须防水、防潮、防小动物，进水浸泡可致短路、触电和火灾（供配电设施运行要求，非《判定指南》原文）`,
    patterns: [
      { all: [POWER_ROOMS, WATER_IN], none: ['已排水', '已修', '修好', '已处理', '饮水机', '消防', '漏雨', '渗水', '滴水', '屋顶', '房顶', '墙角', '里面是干的', '里面干', '没进水', '没有进水', '未进水', '设备没事'] },
      { all: [['电缆', '电线', '线缆', '配电柜', '开关柜', '配电箱', '变压器', '电缆沟'], ['泡在水', '泡水', '浸在水', '泡着', '水里', '水中', '被水淹', '淹了', '淹到', '水浸', '都是水', '全是水', '一滩水', '一地水']], none: ['已排水', '已修', '修好', '已处理'] },
    ],
  },
  {
    code: 'redline.utilities.exposed-live', basis: 'redline', flag: true, suspected: true, item: 'facilities.electrical',
    title: '带电导体裸露在学生可触及处，或已有人被电到',
    citation: `${SUSPECT}：学生活动区域的电气线路、开关插座须有防护，带电部分不得外露；发生漏电伤人须立即断电（用电安全要求，非《判定指南》原文）`,
    patterns: [
      {
        all: [
          ['线头', '电线', '接线', '铜丝', '铜线', '铝线', '导线', '线芯', '裸线', '火线', '带电', '电源线', '线都露', '线露', '里面的线'],
          ['裸', '露在外', '露出', '外露', '露着', '都露', '破皮', '打破', '能看到', '看得到', '看得见', '能看见'],
          [...WITHIN_REACH, ...PUPILS_ABOUT],
        ],
        none: ['已断电', '已包好', '已修', '已封', '围起来'],
      },
      // An open inspection hatch or box cover where pupils play: the live parts inside are within reach.
      {
        all: [['检修口', '检修盖', '检修门', '接线盒', '灯杆', '路灯', '电箱', '配电箱', '电缆井', '电井'], ['盖*没', '没*盖', '盖板*掉', '盖子*掉', '盖*丢', '门*掉', '敞着', '敞开', '开着'], ['电线', '线头', '接线', '带电', '铜线'], [...WITHIN_REACH, ...PUPILS_ABOUT]],
        none: ['已断电', '已修', '已封', '围起来', '已锁'],
      },
      { all: [['变压器', '配电箱', '配电柜', '高压', '电箱'], ['围栏倒', '围栏*坏', '围栏*没', '门开着', '敞开', '没锁', '没有锁'], ['学生', '孩子', '小朋友', '玩', '跑过去', '靠近']], none: ['已修', '已锁', '已断电'] },
      { all: [['插座', '插头', '插线板', '接线板', '开关', '电线'], ['烧黑', '烧焦', '焦味', '烧坏', '烧化', '熔了'], ['还插', '还在用', '照样用', '继续用', '还在上面', '插在上面用']], none: ['已更换', '已停用', '已修'] },
      { all: [['被麻到', '被麻', '麻了一下', '电了一下', '被电了', '被电到', '电到手', '触电', '被电倒', '电倒了', '电晕'], ['学生', '孩子', '小朋友', '有人', '老师', '碰']], none: ['防触电', '会触电', '触电危险', '触电风险'] },
    ],
  },
  {
    code: 'redline.facilities.falling', basis: 'redline', flag: true, suspected: true, item: 'facilities.mounted',
    title: '热水器、广告牌、空调外机等附着物支架锈断、倾斜，下方有人通行',
    citation: `${SUSPECT}：校园附着设施须固定牢靠，有坠落危险的须立即设警戒并拆除或加固（校园设施安全要求，非《判定指南》原文）`,
    patterns: [{
      all: [['支架', '热水器', '太阳能', '广告牌', '招牌', '宣传牌', '宣传栏', '标牌', '标识牌', '指示牌', '路牌', '空调外机', '外机', '灯箱', '展板', '灯杆', '旗杆', '监控杆'], ABOUT_TO_FALL, PEOPLE_BELOW],
      none: CORDONED,
    }],
  },
  {
    code: 'redline.utilities.gas-line', basis: 'redline', flag: true, suspected: true, item: 'fire.kitchen-gas',
    title: '燃气管道、软管泄漏、腐蚀、破损或私接改装',
    citation: `${SUSPECT}：《城镇燃气管理条例》，燃气设施须完好，不得擅自改装、拆除燃气设施；漏气须立即停用`,
    patterns: [{ all: [GAS_LINES, GAS_DAMAGE], none: GAS_OK }],
  },
];
