import type { CombinedRule, GuideArea, RuleMeta, RuleSource } from '../types.js';

/**
 * Source, area, kind of judgement, examples and near misses of every shipped major rule, keyed by rule code.
 * Kept beside the patterns (major-rules*.ts) rather than in them so a school's edited catalogue keeps its
 * shape; docs/major-rules.md is generated from this (npm run docs:rules).
 *
 * What was read: 《指南》 第二条 and 第三条（一）1–9 in full, item 10 up to 「存放」 (docs/domain.md §1.3).
 * 第三条（二） and the chapters after it were not obtained, nor the articles of the Sichuan implementation; rules
 * for those areas therefore cite the national law or standard they rest on and are 疑似重大.
 */

export const GUIDE_DOCUMENT = '《教育系统重大事故隐患判定指南》（教发厅函〔2024〕20号）';
export const SICHUAN_DOCUMENT = '《四川省教育系统重大事故隐患判定指南》（川教厅办函〔2025〕10号）';

export const GUIDE_AREA_NAMES: Record<GuideArea, string> = {
  fire: '校园消防',
  building: '校舍安全',
  food: '食品安全',
  lab: '实验实训',
  traffic: '校车校园交通',
  crowd: '预防拥挤踩踏',
  utilities: '特种设备使用及水电气热运行',
};

const fire = (n: number, verified = true): RuleSource => ({
  document: GUIDE_DOCUMENT, article: '第三条（一）直接判定', item: `第${n}项`, level: 'guide', verified,
  ...(verified ? {} : { note: '第10项后半句原文未取得' }),
});
const law = (document: string, article: string, note?: string): RuleSource => ({ document, article, level: 'law', verified: false, ...(note ? { note } : {}) });
const practice = (document: string, note?: string): RuleSource => ({ document, article: '—', level: 'practice', verified: false, ...(note ? { note } : {}) });
const AREA_NOTE = (area: string) => `《指南》第二条列有「${area}」领域，其具体条文未取得；本规则按所列法规判定疑似重大`;

export const ruleMeta: Record<string, RuleMeta> = {
  'guide.fire.1': {
    guideArea: 'fire', source: fire(1), judgement: 'direct',
    examples: ['学校的消防安全责任人一直空着，没人定', '消防这块到底谁负责，几个部门互相推', '我们校区消防根本没人管，哪栋楼归谁都没落实到人'],
    nearMisses: ['消防安全责任书已经签好了，各岗位都落实了', '下周组织消防安全培训', '新校长来了，门口的消防安全责任人公示牌还没换名字'],
  },
  'guide.fire.2': {
    guideArea: 'fire', source: fire(2), judgement: 'direct',
    examples: ['初一新生的宿舍安排在地下室', '幼儿园大二班的活动室设在五楼', '学校把负一层仓库腾出来，住进去八个高一女生'],
    nearMisses: ['地下室做了停车场，没有住人', '幼儿园四楼是办公室，小朋友不上去', '校长想明年把地下室改成宿舍，这样能不能行？有没有规定？', '宿舍楼负一层只放床垫杂物，无人住，平时锁着', '午休室原来在地下一层，这学期已经搬到一楼了'],
  },
  'guide.fire.3': {
    guideArea: 'fire', source: fire(3), judgement: 'direct',
    examples: ['教学楼楼梯下面放了两桶汽油', '宿舍楼后面用彩钢夹芯板搭了个房子给工人住', '车棚边搭的临时教室是铁皮夹泡沫的板房，里面坐了一个班'],
    nearMisses: ['教室里有一小瓶消毒用的酒精', '彩钢板房已经拆除了', '新闻里别的学校的彩钢板房着火了，我们学校是不是也要查一下？', '我们想以后在后院搭个彩钢板小房子放杂物，要注意什么？'],
  },
  'guide.fire.4': {
    guideArea: 'fire', source: fire(4), judgement: 'direct',
    examples: ['宿舍的烟感被学生用塑料袋罩住了', '消防水泵坏了一直没修', '消火栓打开一点水都没有', '午托室天花板上的白盒子拿烟熏了半天一点反应都无', '宿舍的报警器老乱叫，物业把电关了，现在整栋都是关着的', '宿舍装的是单独的烟感，不联网，只在房间里响'],
    nearMisses: ['宿舍烟感都测过了，工作正常', '灭火器的压力有点低'],
  },
  'guide.fire.5': {
    guideArea: 'fire', source: fire(5), judgement: 'direct',
    examples: ['工人在食堂后面电焊，没办动火审批', '维修队在楼顶气割，旁边没人看着', '有个师傅拿角磨机在车棚切钢管，火花乱飞，问他开没开单子，他说不用'],
    nearMisses: ['电焊作业已办动火证，有专人监护', '焊接的护栏有点松', '上学期有人没审批就在车棚烧焊的那件事已经通报处理了，现在一律先办动火单'],
  },
  'guide.fire.6': {
    guideArea: 'fire', source: fire(6), judgement: 'direct',
    examples: ['有老师把电动车推进教学楼大厅充电', '学生把电瓶车电池带回宿舍充电', '有人从二楼窗户拉了根线下来给电瓶车充电', '值班室有人从插座私接了一根线到隔壁', '512又在充电瓶了，插在床头'],
    nearMisses: ['电动车都停在车棚的充电桩充电', '手机充电器放在宿舍床上', '电动车都在车棚充电，没有进楼', '上周说的楼道里停电动车的事，已经全部清走了，现在都在车棚充', '上礼拜有人把电瓶车推进大厅充电，当场叫他推出去了，这几天没再看到', '请问如果老师把电动车推进一楼大厅，只停几分钟，这样也算吗？'],
  },
  'guide.fire.7': {
    guideArea: 'fire', source: fire(7), judgement: 'direct',
    examples: ['新建的学生宿舍没有消防验收就住进去了', '校内超市没经过消防许可就开张了'],
    nearMisses: ['新食堂已经通过消防验收', '超市门口的灭火器过期了', '图书馆上个月通过了消防验收，就是指示牌还没换'],
  },
  'guide.fire.8': {
    guideArea: 'fire', source: fire(8), judgement: 'direct',
    examples: ['礼堂只有一个出口能走', '晚上宿舍楼的安全出口用铁链锁上了', '多功能厅坐满有四百人，侧门去年装修时砌成墙了，就剩正门', '阶梯教室坐两百人，两个门净宽才七十公分'],
    nearMisses: ['安全出口的指示灯不亮了', '楼梯口堆了几个纸箱'],
  },
  'guide.fire.9': {
    guideArea: 'fire', source: fire(9), judgement: 'direct',
    examples: ['一楼宿舍的窗户都焊了铁栅栏，打不开', '教学楼外窗被大幅广告牌挡住了', '午托室装的防盗网是全封闭的，没有留逃生口', '幼儿园午睡室的窗户全焊了铁条，一扇能打开的都没有'],
    nearMisses: ['防盗网留了逃生口，可以打开', '宿舍窗户的防盗网松了快掉下来', '宿舍窗户装了防盗网，每间都留了一扇能从里面直接推开的逃生小窗', '那栋危楼已经围挡起来，门窗都钉死了，学生全部搬到新楼，就等拆', '听说学校打算给宿舍窗户装焊死的铁网，还没装，这样行不行？'],
  },
  'guide.fire.10': {
    guideArea: 'fire', source: fire(10, false), judgement: 'direct',
    examples: ['化学实验室角落堆了好几桶工业酒精', '准备室的乙醚就放在暖气片旁边', '科学教室柜子里放着一箱丁烷气罐'],
    nearMisses: ['实验室的酒精灯灯芯太短', '乙醚已按要求放进防爆柜'],
  },
  'redline.building.d-class': {
    guideArea: 'building', source: law('《危险房屋鉴定标准》（JGJ 125）', '—', AREA_NOTE('校舍安全')), judgement: 'direct',
    examples: ['鉴定为D级危房的老教学楼还有两个班在上课', '那栋危楼还没封，学生照样进出', '那棟樓是D級危房，還有班級在裡面上課', '旧礼堂鉴定成D了，下午还要在里面开家长会', '村小那间老瓦房请人看过，说是最差的一级，要推倒重建，现在还当午休室用'],
    nearMisses: ['危房已经拆除了', '学校的危房报告制度还没有建立', 'D级的旧礼堂已经拆完了，正在平整场地', '实验楼鉴定为B级，D栋是新楼', '后面那栋D级危房门窗都封死了，外面的提示牌褪色了'],
  },
  'redline.building.geohazard': {
    guideArea: 'building', source: law('《地质灾害防治条例》', '—', AREA_NOTE('校舍安全')), judgement: 'direct',
    examples: ['后山有滑坡迹象，靠近宿舍楼', '教学楼背后的山坡掉石头，挡土墙开裂了', '跑道边上的地面塌出一个坑，下面是空的，学生还在旁边跑步'],
    nearMisses: ['护坡的泄水孔被树叶堵了', '下周组织防滑坡演练'],
  },
  'redline.food.license': {
    guideArea: 'food', source: law('《中华人民共和国食品安全法》', '第三十五条', AREA_NOTE('食品安全')), judgement: 'direct',
    examples: ['食堂的食品经营许可证过期三个月了', '给学校送餐的配餐公司没有食品经营许可', '新换的配餐公司说许可证正在办，已经开始给我们送午饭了', '学校订餐的那家公司根本无证，就是个家庭作坊'],
    nearMisses: ['食堂许可证在有效期内，已公示', '许可证没有挂在食堂门口'],
  },
  'redline.building.c-class': {
    guideArea: 'building', source: law('《危险房屋鉴定标准》（JGJ 125）', '—', AREA_NOTE('校舍安全')), judgement: 'direct',
    examples: ['宿舍楼墙体有很大裂缝，C级危房，学生还住着', '鉴定成C级的实验楼一直没加固，照常上课', 'C级的老宿舍楼一直没加固，期末考试还安排在里面', '图书馆去年鉴定出来是C，一直没加固，楼上照常开放', '那栋老教学楼几年前鉴定就说横梁要加固，一直没动工，现在照常上课'],
    nearMisses: ['实验楼鉴定为B级，可以正常使用', 'C级教学楼已加固完成，复鉴合格', '鉴定C级的宿舍楼加固已经全部做完，恢复住宿', 'C级的宿舍楼已经封起来了，学生都搬到新宿舍了'],
  },
  'redline.building.structure': {
    guideArea: 'building', source: practice('《中小学校舍安全管理办法》相关要求', AREA_NOTE('校舍安全')), judgement: 'direct',
    examples: ['教学楼承重墙的裂缝越来越宽，楼上就是三年级教室', '图书馆的房梁露筋了，下面就是阅览区天天有人', '礼堂的大梁开裂，缝里能塞进一支笔', '宿舍楼整体往一边歪了，门都关不严，还住着学生', '科学楼最近看着往西边斜，几扇门都关不严了，楼下还在上课'],
    nearMisses: ['教室墙上的油漆有几道细纹', '走廊墙皮起皮了', '墙上的黑板裂了一条缝，越来越长'],
  },
  'redline.building.falling': {
    guideArea: 'building', source: practice('《中小学校舍安全管理办法》相关要求', AREA_NOTE('校舍安全')), judgement: 'direct',
    examples: ['教学楼檐口的瓦片松了随时会掉，下面就是学生进出的通道', '操场边的围墙往人行道歪了，放学家长都站在墙根', '科学楼外墙砖空了一大片，敲着咚咚响，底下是学生天天走的路', '食堂吊顶中间一块往下垂，底下就是打饭排队的地方'],
    nearMisses: ['围墙上的宣传画褪色了', '雨棚有点脏，需要清洗', '外墙有一块瓷砖空鼓，已经拉了警戒线'],
  },
  'redline.food.health-cert': {
    guideArea: 'food', source: law('《中华人民共和国食品安全法》', '第四十五条', AREA_NOTE('食品安全')), judgement: 'direct',
    examples: ['食堂新来的帮厨没有健康证就上岗了', '有个打饭阿姨的健康证过期半年了', '面点师傅的健康证明去年年底就过期了，现在还在后厨'],
    nearMisses: ['食堂员工健康证都在有效期内', '有一个厨师的健康证下个月到期，提醒续办', '有个切配师傅的健康证过期了，已经让他先回家，等新证办好再上岗'],
  },
  'redline.food.samples': {
    guideArea: 'food', source: law('《学校食品安全与营养健康管理规定》（教育部 市场监管总局 卫生健康委令第45号）', '—', AREA_NOTE('食品安全')), judgement: 'direct',
    examples: ['今天午餐的菜没有留样', '留样只放了一天就倒掉了', '留样冰箱里只放了中午的，晚餐那顿一直没留', '每顿饭留存的那一小份第二天一早就倒掉了，也不到一百克', '留样的盒子放在常温柜里，冰箱坏了三天'],
    nearMisses: ['留样盒的标签贴歪了', '今天每个菜都按要求留样了'],
  },
  'redline.food.toxic-storage': {
    guideArea: 'food', source: law('《学校食品安全与营养健康管理规定》（教育部 市场监管总局 卫生健康委令第45号）', '—', AREA_NOTE('食品安全')), judgement: 'direct',
    examples: ['厨房仓库里鼠药就放在米袋旁边', '杀虫剂和调料摆在同一个架子上'],
    nearMisses: ['鼠药已移走，放进专柜上锁了', '厨房里发现了老鼠屎', '灭蟑的药放在杂物间，跟米面是分开的', '昨天看到老鼠药放在米袋上面，今天已经拿去杂物间锁起来了'],
  },
  'redline.lab.incompatible': {
    guideArea: 'lab', source: law('《危险化学品安全管理条例》', '第二十四条', AREA_NOTE('实验实训')), judgement: 'direct',
    examples: ['高锰酸钾和甘油放在同一格', '硝酸和几瓶酒精挤在一个柜子里', '浓硫酸跟酒精堆一块放着'],
    nearMisses: ['硫酸和酒精已经分柜存放', '浓盐酸的瓶子标签模糊了', '高锰酸钾和酒精已经分开放了'],
  },
  'redline.lab.segregation': {
    guideArea: 'lab', source: law('《危险化学品安全管理条例》', '第二十四条', AREA_NOTE('实验实训')), judgement: 'direct',
    examples: ['氯酸钾这种易制爆的和普通试剂放在一个架子上', '几瓶水银放在纸箱里，纸箱都受潮了', '废液桶里把废酸和有机废液倒在一桶里', '浓硝酸放在教室后面的普通木柜里', '仪器室窗台上摆着几瓶易制爆的试剂，下午太阳直接晒着'],
    nearMisses: ['易制爆试剂单独放在专柜里，双人双锁', '废液桶快满了，已联系回收', '危化品专柜旁边的灭火器被挪到走廊了', '危化品室在实验楼走廊尽头，双人双锁，台账齐全'],
  },
  'redline.lab.loss': {
    guideArea: 'lab', source: law('《易制爆危险化学品治安管理办法》', '—', AREA_NOTE('实验实训')), judgement: 'direct',
    examples: ['药品室的氯酸钾少了一瓶，没人知道去哪了', '易制爆试剂账上和实物对不上', '硝酸钾台账上有三瓶，柜里只有两瓶', '登记的浓硝酸是5瓶，柜子里实际只剩2瓶'],
    nearMisses: ['盐酸的台账有一处涂改', '氯酸钾的数量已查清，对得上', '氯酸钾台账上有五瓶，柜子里也是五瓶'],
  },
  'redline.lab.fumes': {
    guideArea: 'lab', source: practice('实验室安全管理要求（通风排毒）', AREA_NOTE('实验实训')), judgement: 'direct',
    examples: ['通风橱坏了，学生还在里面做甲醛实验', '实训车间喷漆没有通风，学生每天在里面干活都是刺鼻的味', '电焊实训车间排风扇坏了，烟很大，学生照样上课', '机加工实训室抽风扇坏了半个月，粉尘很大，学生每天都在里面操作'],
    nearMisses: ['通风橱风量有点小，还能用', '实验室排风扇已修好'],
  },
  'redline.utilities.exposed-live': {
    guideArea: 'utilities', source: practice('用电安全要求（带电部分不得外露）', AREA_NOTE('水电气热运行')), judgement: 'direct',
    examples: ['走廊插座面板掉了，线头裸着，小孩伸手就能碰到', '饮水机漏电，有学生接水时被电麻了一下', '教室讲台下面插座坏了，线都露着，小孩经常在那玩', '花坛边的路灯检修口盖子掉了，里面接线露着，课间孩子在那边玩'],
    nearMisses: ['配电箱门没锁，有警示牌', '插座面板有点松', '电线外皮有点破，在天花板上面，学生碰不到'],
  },
  'redline.facilities.falling': {
    guideArea: 'building', source: practice('校园附着设施安全要求', AREA_NOTE('校舍安全')), judgement: 'direct',
    examples: ['楼顶太阳能热水器的支架锈断了，下面就是宿舍门口', '教学楼外的空调外机摇摇欲坠，底下是通道', '食堂门口的灯箱支架歪了，风一吹就晃，下面是排队打饭的学生'],
    nearMisses: ['旗杆的底座螺丝锈了两颗', '宣传栏的玻璃有点脏', '操场边的宣传栏有点旧，字看不清了'],
  },
  'redline.food.high-risk': {
    guideArea: 'food', source: law('《学校食品安全与营养健康管理规定》（教育部 市场监管总局 卫生健康委令第45号）', '—', AREA_NOTE('食品安全')), judgement: 'direct',
    examples: ['厨房用山上采的野生菌煮汤', '食堂在用发芽的土豆做菜', '中午的四季豆没炒熟就打给学生了', '过期的牛奶今早还发给学生了', '食堂在做凉拌黄花菜，是新鲜的', '仓库那袋洋芋都长芽了，阿姨说削一削还能炒', '有人送来一袋山里刚采的菌子，厨师准备明天炒'],
    nearMisses: ['送来的土豆发芽了，已经退货', '小卖部的面包过期了', '食堂用的是干黄花菜', '四季豆焯水后又焖了二十分钟，全部软烂了才打出去'],
  },
  'redline.fire.gas-alarm': {
    guideArea: 'utilities', source: law('《中华人民共和国安全生产法》（2021）', '第三十六条'), judgement: 'direct',
    examples: ['食堂的燃气报警器坏了', '厨房天然气没有装泄漏报警装置', '后厨用的瓶装气，一直没装报警器', '食堂报燃气的探头拆下来送修了，到现在还没装回去，照样开火', '炉头上面的报jing器拆走一个礼拜了，照常开火'],
    nearMisses: ['燃气报警器测试正常', '燃气灶的火有点小', '燃气报警器装了的，就是巡检表这周没签'],
  },
  'redline.facilities.special-equipment': {
    guideArea: 'utilities', source: law('《中华人民共和国特种设备安全法》', '第四十条', AREA_NOTE('特种设备使用')), judgement: 'direct',
    examples: ['教学楼电梯年检过期了还在运行', '锅炉的压力表过了检定日期还在用', '宿舍电梯的限速器拆了，电梯照常运行', '开水房那台锅炉上贴的检验合格还是2020年的，现在天天在烧'],
    nearMisses: [
      '电梯刚做完年检，合格证贴好了', '学校没有电梯管理制度', '电梯检验不合格，已经停用，等维修', '锅炉下个月到期，检验申请还没交', '电梯年检合格证下个月到期，已经申请检验',
      '电梯检验在有效期内，就是轿厢的灯坏了一个，没人管', '实验楼电梯年检没过，已经贴了停用封条，大家都走楼梯', '锅炉检验下个月底到期，已经跟特检院约好了时间'],
  },
  'redline.utilities.power-room-water': {
    guideArea: 'utilities', source: practice('供配电设施运行安全要求', AREA_NOTE('水电气热运行')), judgement: 'direct',
    examples: ['配电房漏水，电缆泡在水里', '一下雨配电室就进水', '昨晚暴雨，配电室的电缆沟里全是水'],
    nearMisses: ['配电房门口堆了几张旧桌子', '配电房的积水已排干，已处理', '配电室外面台阶上有积水，开门看了里面没进水'],
  },
  'redline.utilities.gas-line': {
    guideArea: 'utilities', source: law('《城镇燃气管理条例》', '—', AREA_NOTE('水电气热运行')), judgement: 'direct',
    examples: ['厨房的燃气管道锈蚀很严重', '灶台的燃气软管老化开裂了', '灶台的燃气软管短了，师傅拿一截水管接上用铁丝绑住', '灶台后面那根橡胶管裂了几道口子，拿胶布缠着还在用'],
    nearMisses: ['燃气管道刚检测正常', '燃气灶旁边挂了抹布', '前天燃气软管漏气，燃气公司已经换了新的'],
  },
  'redline.lab.double-lock': {
    guideArea: 'lab', source: law('《危险化学品安全管理条例》', '第二十四条', AREA_NOTE('实验实训')), judgement: 'direct',
    examples: ['危化品柜只有一把锁，钥匙管理员一个人拿着', '剧毒品柜没上锁', '浓硫酸和酒精放在一个普通柜子里，只有一把锁', '危化品仓库只有一把挂锁，谁要用找后勤开门'],
    nearMisses: ['危化品柜双人双锁，两把钥匙分开保管', '危化品管理制度需要修订', 'The chemicals cabinet is double-locked and the two keys are held by two teachers'],
  },
  'redline.bus.overload': {
    guideArea: 'traffic', source: law('《校车安全管理条例》', '第三十四条', AREA_NOTE('校车校园交通')), judgement: 'direct',
    examples: ['接送学生的面包车塞了十几个孩子', '校车超员，过道上站满了学生', '校车核载19座，今天上了25个学生', '3号车核载19人，今天放学上去了25个'],
    nearMisses: ['校车按核载坐满，没有超员', '校车座椅的安全带有几根坏了', '下周春游人多，阿是可以让学生在校车上挤一挤？'],
  },
  'redline.bus.driver': {
    guideArea: 'traffic', source: law('《校车安全管理条例》', '第二十三条', AREA_NOTE('校车校园交通')), judgement: 'direct',
    examples: ['开校车的司机驾照才拿了一年', '校车司机早上喝了酒', '接送车的司机今年65岁', '开校车的张师傅今年63了，还在天天跑'],
    nearMisses: ['校车司机参加了安全培训', '校车司机的证件都齐全', '校车司机今年50岁，驾龄15年，家长觉得他年纪大', '新来的师傅驾龄不到三年，学校没让他开校车，先跟车'],
  },
  'redline.bus.escort': {
    guideArea: 'traffic', source: law('《校车安全管理条例》', '第三十八条', AREA_NOTE('校车校园交通')), judgement: 'direct',
    examples: ['校车上没有照管员，只有司机', '接送车没人跟车', '放学后发现有个孩子被锁在校车里', '下午那趟车没有跟车的老师，只有司机一个人', '照管员这周病了，找不到人替，就司机一个人接二十几个孩子'],
    nearMisses: ['照管员每天清点人数', '校车照管员换人了', '照管员有跟车，只是没有提醒孩子系安全带', '照管员请假了，由李老师代班跟车', '校车照管员今天生病，换成王老师跟车了'],
  },
  'redline.bus.permit': {
    guideArea: 'traffic', source: law('《校车安全管理条例》', '第十四条', AREA_NOTE('校车校园交通')), judgement: 'direct',
    examples: ['学校的校车没有校车使用许可', '接送学生的大巴年检过期了', '3号校车年减过期了还在接学生'],
    nearMisses: ['校车使用许可已办好', '校车车窗有点脏'],
  },
  'redline.traffic.campus': {
    guideArea: 'traffic', source: practice('校园交通安全管理要求（人车分流、限时限速）', AREA_NOTE('校车校园交通')), judgement: 'direct',
    examples: ['放学时送货车直接开进校园，在学生中间穿行', '课间有社会车辆在操场上倒车，差点撞到学生', '课间有快递车在教学区随便开，学生在旁边跑'],
    nearMisses: ['校门口的减速带坏了', '老师的车停在停车场里', '早上送货车走后门专用通道进校，那时学生还没到校'],
  },
  'redline.crowd.crush': {
    guideArea: 'crowd', source: law('《中小学幼儿园安全管理办法》（教育部等令第23号）', '—', AREA_NOTE('预防拥挤踩踏')), judgement: 'direct',
    examples: ['楼梯口学生被挤倒', '放学时楼道挤得水泄不通，有人摔倒一片', '做操下楼就一个楼梯，每次都挤成一团'],
    nearMisses: ['下周进行防踩踏演练', '楼梯扶手有点松'],
  },
  'redline.crowd.event-plan': {
    guideArea: 'crowd', source: law('《中小学幼儿园安全管理办法》（教育部等令第23号）', '第二十九条', AREA_NOTE('预防拥挤踩踏')), judgement: 'direct',
    examples: ['运动会3000人没有方案和预案', '全校师生参加的文艺汇演没有安全预案', '下个月艺术节，到现在也没见安全预案', '周末家长开放日要来四五百人，校长说不用搞方案', '下周运动会全校1800多人，德育处说照往年办，不用专门写方案'],
    nearMisses: ['运动会的安全方案和预案都做了，已报备', '班会课讲了运动会注意事项', '运动会的报名表还没收齐', '艺术节的安全方案和预案交到教育局了，在等批复'],
  },
};

/** 综合判定 rules. */
export const combinedRules: CombinedRule[] = [
  {
    code: 'guide.fire.combined-evacuation',
    title: '人员密集场所安全疏散设施多项不符合要求（综合判定）',
    guideArea: 'fire',
    source: {
      document: GUIDE_DOCUMENT, article: '第三条（二）综合判定', level: 'guide', verified: false,
      note: '阈值按其结构所循的 GB 35181《重大火灾隐患判定规则》：人员密集场所安全疏散类综合判定要素 3 条以上（含本数），未核验',
    },
    threshold: 3,
    items: ['fire.exits-clear', 'fire.signs-lighting', 'fire.fire-doors', 'fire.window-bars', 'emergency.evacuation-routes'],
    fileUnder: 'fire.exits-clear',
  },
  {
    code: 'guide.fire.combined',
    title: '消防安全多项一般隐患同时存在（综合判定）',
    guideArea: 'fire',
    source: {
      document: GUIDE_DOCUMENT, article: '第三条（二）综合判定', level: 'guide', verified: false,
      note: '阈值按 GB 35181《重大火灾隐患判定规则》：人员密集场所任意综合判定要素 4 条以上（含本数），未核验',
    },
    threshold: 4,
    items: [
      'fire.exits-clear', 'fire.signs-lighting', 'fire.extinguishers', 'fire.hydrants', 'fire.fire-doors', 'fire.alarm-systems', 'fire.e-bikes',
      'fire.dorm-electrics', 'fire.window-bars', 'fire.hot-work', 'fire.kitchen-gas', 'fire.compliance', 'education.fire-training',
    ],
    fileUnder: 'fire.compliance',
  },
  {
    code: 'redline.food.combined',
    title: '食堂食品安全多项问题同时存在（综合研判）',
    guideArea: 'food',
    source: practice('《学校食品安全与营养健康管理规定》', '本系统的综合研判阈值，不是《指南》原文：食堂同时存在 3 项以上未整改的食品安全问题时提请人工确认'),
    threshold: 3,
    items: ['food.license', 'food.staff-health', 'food.hygiene-practice', 'food.samples', 'food.procurement', 'food.high-risk', 'food.storage', 'food.tableware', 'food.pest-kitchen'],
    fileUnder: 'food.high-risk',
  },
  {
    code: 'redline.lab.combined',
    title: '实验室危化品管理多项问题同时存在（综合研判）',
    guideArea: 'lab',
    source: practice('《危险化学品安全管理条例》', '本系统的综合研判阈值，不是《指南》原文：危化品管理同时存在 3 项以上未整改问题时提请人工确认'),
    threshold: 3,
    items: ['lab.storage', 'lab.double-lock', 'lab.ledger', 'lab.waste', 'lab.flammables', 'lab.safety-kit', 'lab.signage'],
    fileUnder: 'lab.storage',
  },
];
