import type { RulePattern } from '../checklist/types.js';

/**
 * Incidents in progress, not hazards to schedule. A report that matches one is answered at once with the immediate
 * steps, the principal and the district group are alerted, and the record is filed 紧急 without waiting for the
 * safety officer (docs/major-hazards.md). Steps follow 《中小学校岗位安全工作指南》's 突发事件应急流程 in outline.
 * Patterns are concept lists like the major rules (classifier/patterns.ts); `examples` and `nearMisses` are tested.
 */
export interface EmergencyType {
  code: string;
  title: string;
  patterns: RulePattern[];
  /** Numbered immediate steps, most urgent first; phone numbers written out. */
  steps: string[];
  /**
   * Areas an item of this incident may belong to, or single items of another area (`emergency.epidemic`); when the
   * ranking picks anything else, `item` is filed.
   */
  areas: string[];
  item: string;
  /** Also a suspected major hazard (the state behind it is what the guide judges); false for a plain injury. */
  major: boolean;
  examples: string[];
  nearMisses: string[];
}

/** Not happening now: drills, plans, training, hypotheticals, the past, all-clear. */
export const NOT_NOW = [
  '演练', '演习', '模拟', '预案', '培训', '讲座', '宣传', '教育课', '知识', '制度', '如果', '万一', '假如', '以防', '防止', '预防', '避免', '容易', '可能会', '担心', '怕',
  '差点', '险些', '去年', '上学期', '以前', '曾经', '上个月', '上周', '前几天', '几年前', '那次', '上次', '误报', '虚惊', '没有人受伤', '没人受伤', '无人受伤', '已经处理好',
  '处理完了', '时要', '时应该', '怎么办', '怎么处理', '怎么关', '不知道*着火', '不知道要', '不知道怎么', '都不知道', '没培训', '没有培训', '新闻', '视频', '别的学校', '外校', '风险', '隐患', '一旦', '要是',
  // Reports about how an incident was handled afterwards: a management problem, filed as a hazard.
  '没有及时', '没及时', '没有按', '没按', '才送', '才通知', '才报', '按程序', '没有上报', '没上报', '没人处理', '都没人', '不会用', '没有安排', '没安排',
];

/** Said of gas: no leak after all, an alarm that was tested or reset, or the smell gone (a closed valve alone is not: the smell may stay). */
const NO_LEAK = [
  '没有漏', '没漏', '不漏', '没有泄漏', '无泄漏', '不是漏气', '测试', '复位', '误报', '没味了', '没有味了', '没味道了', '没有味道了', '味道没了', '味道散了', '味散了', '已经散了',
];

const GROUP_OF_PUPILS = [
  '多个', '好几个', '几个', '多名', '一群', '几十', '二十', '十几', '十多', '来个', '一批', '全班', '好多', '很多', '批量', '集体', '个班', '学生们', '孩子们', '同学们', '老师们', '几个老师', '同桌也', '大面积', '陆续', '接连',
  '一个接一个', '两个', '三个', '四个', '五个', '六个', '七个', '八个', '九个', '十个', '两名', '三名', '四名', '五名', '2个', '3个', '4个', '5个', '6个', '7个', '8个', '9个', '0个',
  '2名', '3名', '4名', '5名', '6名', '7名', '8名', '9名', '0名',
];
const SICK = ['在吐', '都吐', '想吐', '手脚发麻', '发麻', '起红疹', '红疹', '呼吸急', '呼吸困难', '过敏', '呕吐', '腹泻', '拉肚子', '上吐下泻', '肚子疼', '肚子痛', '腹痛', '吐了', '恶心', '发烧', '发热', '头晕', '闹肚子'];

export const emergencyTypes: EmergencyType[] = [
  {
    code: 'food-poisoning',
    title: '疑似食物中毒（群体性呕吐腹泻）',
    patterns: [
      { all: [SICK, GROUP_OF_PUPILS], none: [...NOT_NOW, '员工', '厨师', '都正常', '着凉', '一次', '都没事', '没睡好'] },
      { all: [['食物中毒', '疑似中毒', '集体中毒', '中毒症状', '吃坏了']], none: NOT_NOW },
    ],
    steps: [
      '立即停止供应可疑食品，封存留样、剩余食品和餐具，保护现场',
      '组织校医处置，症状重的立即拨打 120 送医',
      '2 小时内报告区教育局，并报市场监管、疾控部门',
      '通知家长，统计发病人数和症状',
    ],
    // Pupils sick after a meal are a kitchen matter, whoever is called (校医, 120); an outbreak of 诺如 or flu presents alike.
    areas: ['food', 'emergency.epidemic'],
    item: 'food.high-risk',
    major: true,
    examples: ['20多个学生呕吐腹泻，怀疑食物中毒', '初二好几个班的学生午饭后肚子疼想吐'],
    nearMisses: ['食物中毒应急预案要修订', '有一个学生早上说肚子有点疼'],
  },
  {
    code: 'gas-leak',
    title: '燃气泄漏（闻到燃气味）',
    patterns: [
      { all: [['煤气味', '燃气味', '液化气味', '天然气味', '煤气泄漏', '燃气泄漏', '天然气泄漏', '液化气泄漏', '闻到煤气', '闻到燃气', '闻到天然气', '闻到液化气', '一股煤气', '一股燃气']], none: [...NOT_NOW, ...NO_LEAK] },
      { all: [['燃气', '煤气', '天然气', '液化气', '气瓶', '气罐'], ['漏气', '泄漏', '嘶嘶', '味道很大', '气味很大', '味很重', '很大的味', '刺鼻']], none: [...NOT_NOW, ...NO_LEAK, '报警'] },
      // The gas alarm sounding, with a smell or people leaving.
      { all: [['燃气报警', '可燃气体报警', '煤气报警', '报警器'], ['一直在响', '一直响', '在响', '响了', '叫个不停'], ['味', '撤', '疏散', '跑']], none: [...NOT_NOW, '测试'] },
    ],
    steps: [
      '立即关闭燃气总阀，打开门窗通风',
      '现场严禁开关电器、使用明火和打电话',
      '疏散人员到上风口安全地带',
      '到安全处拨打 119 和燃气公司抢修电话，报告校长',
    ],
    areas: ['fire', 'facilities', 'food', 'lab'],
    item: 'fire.kitchen-gas',
    major: true,
    examples: ['食堂后厨闻到很浓的煤气味', '锅炉房那边燃气管道在漏气，嘶嘶响'],
    nearMisses: ['燃气报警器刚才响了，查了是误报', '厨房燃气灶的火有点小', '燃气管道外皮有点锈，燃气公司查过没有漏气', '厨房有点燃气味，关了灶开了窗，现在没味了'],
  },
  {
    code: 'crush',
    title: '拥挤踩踏',
    patterns: [
      {
        all: [['踩踏', '挤倒', '挤伤', '踩伤', '叠在一起', '倒了一片', '摔倒一片', '摔成一堆', '挤趴']],
        none: [...NOT_NOW, '防踩踏', '打闹', '推搡', '欺负', '打架', '每天', '天天', '经常', '老是', '总是', '每次'],
      },
      // People under people (a hose 压在柜子下面 is not a crowd).
      {
        all: [['压在*身上', '压在*下面', '压在最下面', '压在底下'], ['学生', '孩子', '小孩', '小朋友', '同学', '几个人', '好几个人', '有人', '楼梯', '人群']],
        none: [...NOT_NOW, '防踩踏', '打闹', '推搡', '欺负', '打架', '每天', '天天', '经常', '老是', '总是', '每次', '柜', '桌', '管', '箱', '线'],
      },
      { all: [['挤坏', '挤破', '被挤', '挤着', '散场'], ['摔在', '摔倒', '摔了一地', '出血', '受伤', '哭', '压']], none: [...NOT_NOW, '防踩踏', '打闹', '推搡', '打架'] },
      // A crowd stuck and still pushing, now.
      { all: [['出不去', '往前推', '往前挤', '往下挤', '挤成一团', '卡住', '堵住了'], ['现在', '正在', '还在', '刚才', '刚刚', '!!', '！！']], none: [...NOT_NOW, '总', '每天', '经常', '老是', '天天'] },
    ],
    steps: ['立即在前方疏导、后方截停人流，停止上下楼', '就地救护伤员，拨打 120', '清点人数，保护现场，报告校长'],
    areas: ['emergency'],
    item: 'emergency.crowding',
    major: true,
    examples: ['楼梯口学生被挤倒', '放学下楼时有几个学生摔倒一片，后面的人还在往下挤'],
    nearMisses: ['下周组织防踩踏演练', '课间楼梯有点挤，需要安排老师值守', '只开了一个楼梯，每天放学都挤得有人被挤倒', '燃气软管被压在柜子下面'],
  },
  {
    code: 'fire',
    title: '火情（着火、冒烟）',
    patterns: [
      {
        all: [['着火', '起火', '失火', '火灾了', '烧起来', '冒烟', '冒黑烟', '冒出烟', '浓烟', '窜火苗', '冒火苗', '火苗窜', '着了火', '烧着了']],
        none: [...NOT_NOW, '烟感', '烟头', '抽烟', '吸烟', '香烟', '烧水', '烧饭', '烧菜', '焚烧', '不着火', '打不着', '点不着', '有点往外', '着火要', '着火了怎么', '着火时'],
      },
      { all: [['在烧', '还在烧'], ['火', '烟', '扑', '灭火器', '疏散', '撤', '跑']], none: [...NOT_NOW, '锅炉', '炉', '灶', '烧水', '烧饭', '烧菜', '热水', '蒸汽', '洗澡', '开水'] },
      { all: [['炸了', '爆炸', '爆燃', '自燃', '爆了'], ['烟', '火', '跑', '疏散', '撤']], none: [...NOT_NOW, '爆米花', '轮胎'] },
      // Electrical sparks or a burning smell that go on.
      { all: [['冒火花', '冒火', '打火', '电火花', '焦味', '烧焦味', '糊味'], ['一直', '正在', '现在', '还在', '在冒', '不停', '越来越']], none: [...NOT_NOW, '按下去', '插的时候', '拔插头', '偶尔'] },
      { all: [['冒火花', '冒火星', '电火花', '打火花', '火花'], ['烟', '焦味', '烧焦', '糊味', '烧糊']], none: [...NOT_NOW, '按下去', '插的时候', '拔插头', '偶尔', '电焊', '焊', '切割'] },
    ],
    steps: ['立即拨打 119，按下火灾报警按钮', '组织师生沿疏散通道撤离到操场，清点人数，不乘电梯', '切断电源，初期火情用灭火器扑救', '报告校长和区教育局'],
    areas: ['fire'],
    item: 'fire.compliance',
    major: true,
    examples: ['三楼电脑室冒烟了，有焦味', '食堂后面的杂物堆着火了', '仓库那边还在烧，老师在用灭火器扑', '楼道的插线板在冒火花，还有烟'],
    nearMisses: ['学生不知道着火时要弯腰捂鼻', '宿舍的烟感被学生罩住了', '锅炉检验过期了，锅炉工说还在烧', '工人在电焊，火花四溅'],
  },
  {
    code: 'electric-shock',
    title: '触电',
    patterns: [{ all: [['触电', '被电到', '电到了', '被电击', '电击了', '被电了']], none: [...NOT_NOW, '防触电', '会触电', '有触电', '触电危险', '触电风险'] }],
    steps: ['立即切断电源，不要直接用手拉触电者', '拨打 120，必要时心肺复苏、使用 AED', '封闭现场，报告校长'],
    areas: ['facilities', 'lab'],
    item: 'facilities.electrical',
    major: true,
    examples: ['有学生摸了走廊的插座被电到了', '电工在配电房检修时触电了'],
    nearMisses: ['插座裸露，有触电危险', '开展防触电安全教育'],
  },
  {
    code: 'collapse',
    title: '坍塌、坠物伤人',
    patterns: [{
      all: [
        ['倒塌', '坍塌', '塌了', '塌下来', '垮了', '垮塌', '塌方了', '砸下来', '倒了一段', '倒下来', '往下垮', '正在垮', '在垮', '垮下来', '正在塌', '在往下塌', '往下塌'],
        ['砸到', '砸伤', '砸中', '砸在', '压住', '压着', '压在', '被困', '埋', '有人', '学生', '孩子', '人员', '下面停', '泥冲进', '整面', '大片', '整个', '整栋'],
      ],
      none: [...NOT_NOW, '随时', '快要', '要塌', '会塌', '会倒', '摇摇欲坠', '危险', '有点', '一小块', '一角', '到现在', '警示牌', '照样'],
    }, {
      // A large piece of ceiling, roof or wall has come down where people are.
      all: [
        ['吊顶', '天花板', '天花', '顶棚', '雨棚', '楼板', '屋面', '屋顶', '房顶', '外墙', '墙体', '挑檐'],
        ['掉下来', '塌下来', '垮下来', '砸下来', '落下来', '掉了一大块'],
        ['上课', '学生', '有人', '孩子', '人员', '老师', '砸', '!!', '！！'],
      ],
      none: [...NOT_NOW, '一小块', '小块', '一点', '随时', '快要', '会掉', '警戒', '没人', '没有人', '没砸', '没有砸', '没伤', '没有伤'],
    }, {
      // Something fell on someone.
      all: [['掉下去', '掉下来', '坠落', '砸下来', '脱落'], ['砸到', '砸伤', '砸中', '砸在']],
      // 没砸到 names the blow only to deny it.
      none: [...NOT_NOW, '没砸', '没有砸', '未砸', '没伤到', '没有伤到'],
    }],
    steps: ['立即疏散周边人员，设置警戒线，禁止靠近', '有人被困或受伤立即拨打 119、120', '切断现场水、电、气', '报告校长和区教育局'],
    areas: ['building', 'facilities'],
    item: 'building.structure',
    major: true,
    examples: ['操场边的围墙塌了，压住了两个学生', '车棚的顶棚坍塌了，下面停着车', '吊扇掉下来砸伤了一个学生', '操场边的护坡正在往下垮，学生已经撤开', '礼堂天花板掉下来一大块，下面坐着学生'],
    nearMisses: ['围墙有点倾斜，担心会倒', '雨棚摇摇欲坠', '教室吊顶有一小块掉下来了，没砸到人'],
  },
  {
    code: 'chemical',
    title: '危化品泄漏、灼伤',
    patterns: [
      {
        all: [
          ['泄漏', '洒了', '打翻', '溅到*手', '溅到*脸', '溅到*眼', '溅到*身上', '溅进*眼', '灼伤', '烧伤', '漏出来', '倒了一地', '挥发'],
          ['硫酸', '盐酸', '硝酸', '氢氧化钠', '化学品', '试剂', '危化品', '氯气', '氨水', '甲醛', '药品', '酸'],
        ],
        none: [...NOT_NOW, '火花'],
      },
      { all: [['冒黄烟', '冒白烟', '黄烟', '白烟', '刺激性', '呛人', '冒烟'], ['实验室', '化学', '试剂', '药品', '打翻', '洒了'], ['咳', '呛', '头晕', '难受', '眼睛疼', '流泪', '喘']], none: NOT_NOW },
    ],
    steps: ['疏散人员，开窗通风，处置人员戴好防护', '皮肤、眼睛沾到立即用大量清水冲洗 15 分钟以上', '有人受伤或大量泄漏拨打 120、119', '封存现场，报告校长'],
    areas: ['lab'],
    item: 'lab.storage',
    major: true,
    examples: ['实验课上浓硫酸打翻了，溅到学生手上', '药品室的氨水瓶漏出来了，满屋刺鼻味'],
    nearMisses: ['危化品台账和实物对不上', '试剂瓶的标签掉了'],
  },
  {
    code: 'violence',
    title: '暴力侵害（持刀、行凶）',
    patterns: [{ all: [['持刀', '拿着刀', '拿刀', '挥刀', '砍人', '行凶', '歹徒', '捅伤', '刺伤']], none: [...NOT_NOW, '反恐'] }],
    steps: ['立即拨打 110，保安持防护器械控制、隔离', '关闭校门和教室门，组织学生就近躲避', '救护伤员，拨打 120', '报告校长和区教育局'],
    areas: ['security', 'governance'],
    item: 'security.gate-control',
    major: true,
    examples: ['校门口有人拿着刀要往里冲', '有外来人员持刀闯进了校园'],
    nearMisses: ['保安室的钢叉不够', '下周进行反恐防暴演练'],
  },
  {
    code: 'drowning',
    title: '溺水',
    patterns: [{ all: [['溺水', '落水', '掉进水里', '掉进河', '掉进池塘', '掉进水塘', '掉进泳池', '掉到水里', '沉下去']], none: [...NOT_NOW, '防溺水', '预防溺水', '没有防溺水', '没防溺水', '警示牌', '警示标'] }],
    steps: ['立即拨打 120、110', '用救生圈、竹竿等施救，不要手拉手下水', '救上岸立即心肺复苏', '通知家长，报告校长'],
    areas: ['governance', 'education'],
    item: 'governance.water-hazards',
    major: true,
    examples: ['有学生在学校后面的池塘落水了', '游泳课上一个孩子沉下去了'],
    nearMisses: ['池塘边没有防溺水警示牌', '暑假前开展防溺水教育'],
  },
  {
    code: 'traffic-accident',
    title: '校车或接送车辆交通事故',
    patterns: [{
      all: [['校车', '接送车', '大巴', '班车', '面包车', '车上', '公交'], ['追尾', '撞了', '被撞', '相撞', '侧翻', '翻车', '翻了', '出车祸', '车祸', '撞到', '刮擦', '掉进沟']],
      none: [...NOT_NOW, '差点撞', '险些'],
    }],
    steps: ['立即停车设警示，拨打 122 和 120', '清点车上人数，把学生转移到安全地带，救护伤员', '通知家长，报告校长和区教育局'],
    areas: ['emergency', 'governance', 'facilities'],
    item: 'governance.school-bus',
    major: true,
    examples: ['校车在路口被追尾了，车上有十几个学生', '接送车在村道侧翻，有孩子受伤'],
    nearMisses: ['校车差点撞到路边的电动车', '校车司机开得有点快'],
  },
  {
    code: 'trapped',
    title: '电梯困人',
    patterns: [{ all: [['电梯'], ['卡在', '卡住', '困在', '被困', '停在*中间', '关在里面', '出不来', '困人'], ['人', '学生', '孩子', '老师', '里面']], none: [...NOT_NOW, '好几回', '好几次', '经常', '多次', '几回', '总是', '放出来', '救出来', '已解救', '出来了'] }],
    steps: ['安抚被困人员，告诉他们不要扒门、不要乱按', '立即拨打电梯维保电话和 96333（打不通拨 119）', '在一楼和各层电梯口守候，禁止他人使用该电梯', '报告校长'],
    areas: ['facilities'],
    item: 'facilities.special-equipment',
    major: true,
    examples: ['电梯停在二楼和三楼中间，里面有三个学生出不来', '行政楼电梯卡住了，困了一个老师'],
    nearMisses: ['电梯运行的时候有异响', '电梯年检快到期了'],
  },
  {
    code: 'injury',
    title: '人员受伤',
    patterns: [
      {
        all: [[
          '受伤', '受了伤', '流血', '出血', '骨折', '昏迷', '晕倒', '晕过去', '摔伤', '头破', '抽搐', '休克', '没有呼吸', '没呼吸', '心脏骤停', '砸伤', '砸到', '烫伤', '割伤',
          '咬伤', '打伤', '扭伤', '擦伤', '伤得', '送医', '送医院', '叫了救护车', '打了120', '叫了120', '120已经打', '已经打了120', '已打120', '拨打了120', '压到*腿', '压到*手', '压到*脚',
          '压伤', '压到一个', '压到了',
        ]],
        none: [...NOT_NOW, '会受伤', '会砸', '会摔', '会烫', '会割', '会被', '被砸到怎么办', '没砸', '没有砸', '没伤到', '没有伤到', '没受伤', '没有受伤', '未受伤'],
      },
    ],
    steps: ['拨打 120，校医现场急救', '疑似骨折、头部受伤的不要随意搬动', '通知家长，保护现场、记录经过', '报告校长'],
    areas: ['emergency', 'facilities', 'building', 'governance', 'security', 'education', 'food', 'lab', 'fire'],
    item: 'emergency.first-aid',
    major: false,
    examples: ['体育课上有学生从单杠上摔下来，头破了在流血', '两个学生课间追跑，一个撞到门框上扭伤了脚', '乒乓球台翻倒压到一个学生的脚，120已经打了'],
    nearMisses: ['吊扇摇晃，担心会砸到人', '急救箱里的纱布用完了', '学生在走廊摔了一跤，没受伤'],
  },
];
