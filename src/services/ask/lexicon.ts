// The words leaders use, as data: each list maps a phrase (a regular expression source) to one slot value.
// Order matters inside a list: the first hit wins, so narrower phrases come first.
import type { AreaCode } from '../checklist/types';
import type { AskQuery } from './query';

/** Traditional characters that reach us from phones set to 繁體, folded to the simplified ones the ledger uses. */
const TRAD = '東區學實驗豐澤幾條報銷號隱紅黃藍個這們麼沒還縣園設備電單類統計進應處檢總週長時間閉環數據確認過齊評書諾嗎險級關對裡裏發張嚴廳樓層門鎖滅圍牆課';
const SIMP = '东区学实验丰泽几条报销号隐红黄蓝个这们么没还县园设备电单类统计进应处检总周长时间闭环数据确认过齐评书诺吗险级关对里里发张严厅楼层门锁灭围墙课';
export const TRADITIONAL: Record<string, string> = Object.fromEntries([...TRAD].map((c, i) => [c, SIMP[i]]));

/** Slips of the input method, put right before anything reads the text. */
export const TYPOS: [RegExp, string][] = [
  [/(销号|整改|闭环|完成)[律绿]/g, '$1率'],
  // Same-sound slips: 整该 for 整改, 消号 for 销号 (消号率, 消号了没).
  [/整该/g, '整改'],
  [/消号/g, '销号'],
  // 好 for 号 beside 销 (销好率, 消好了没); 是/事 for 室 after 实验 when the field follows (实验是隐患).
  [/[销消]好(?=率|了|的|没|比例)/g, '销号'],
  [/实验[是事](?=的?(?:隐患|问题|安全|危化|方面|类|那|这))/g, '实验室'],
];

// 电梯, 锅炉, 校车, 疏散通道, 烟感 are not here: each is one checklist item (items.ts), and its area follows from it.
export const AREA_WORDS: [RegExp, AreaCode][] = [
  [/消防|火灾|灭火/, 'fire'],
  [/食品|食堂|餐饮|厨房|饮食|营养餐/, 'food'],
  [/实验室|危化品|化学品|危险化学/, 'lab'],
  [/校舍|建筑|挡土墙|危房|房屋|围墙|楼体|边坡/, 'building'],
  [/交通|综治|综合治理|周边环境|周边治安|校园周边/, 'governance'],
  [/设施设备|设施|设备|体育器材|游乐设施|用电|燃气|煤气/, 'facilities'],
  [/安防|监控|保安|门卫|技防|物防|大门(?!口)|校门(?!口)/, 'security'],
  [/突发事件|踩踏|溺水|应急|防汛|台风/, 'emergency'],
  [/安全教育|教育类|宣传教育|演练/, 'education'],
  [/组织领导|责任制|管理问题|组织机构/, 'org'],
  [/安全制度|制度建设|规章制度/, 'rules'],
  [/隐患整治|排查整治|隐患排查/, 'hazard_mgmt'],
];

/** Places, not fields: 校门口 is the gate's area only when no other field is named (校门口交通 is traffic). */
export const PLACE_AREA_WORDS: [RegExp, AreaCode][] = [
  [/校门口|学校门口|大门口/, 'security'],
];

export const STATUS_WORDS: [RegExp, NonNullable<AskQuery['status']>][] = [
  [/待验收|待复核|待复查|等待验收|验收中|等验收/, 'pending_verify'],
  [/待确认|未确认|没确认|没人确认|待[^，,。？?]{1,4}确认/, 'pending_confirm'],
  [/整改中|正在整改|在整改|还在改/, 'rectifying'],
  [/驳回|退回|打回/, 'rejected'],
  [/已销号|已经销号|已闭环|已完成整改|已整改完成|销号了的|(?:销号|整改完|闭环|改完|销)了(?=几|多少|哪)|(?<![没未不还])(?:销号|闭环)的(?=有|是|都|几|多少|隐患|列|清单|名单)/, 'closed'],
];

/** Not yet closed. Read only when no deadline word is present: "逾期没整改" means overdue, not "open". */
export const OPEN_WORDS = /[没未]销号|[没未]整改|[没未]闭环|[没未]改完|[没未]处理|[没未]完成|还剩|还挂着|挂着|在办|整改完[了没吗]|销号了[吗没]|都[整销闭][改号环]|没改/;
export const OVERDUE_WORDS = /超期|逾期|过期|超时|超过期限|过了期限|拖期/;
export const MAJOR_WORDS = /重大/;

export const COLOUR_WORDS: [RegExp, NonNullable<AskQuery['colour']>][] = [
  [/红(?:色|的|牌|级|隐患|$)|🔴/, 'red'],
  [/橙(?:色|的|牌|级|隐患|$)|🟠/, 'orange'],
  [/黄(?:色|的|牌|级|隐患|$)|🟡/, 'yellow'],
  [/蓝(?:色|的|牌|级|隐患|$)|🔵/, 'blue'],
];

export const DOCUMENT_WORDS: [RegExp, NonNullable<AskQuery['document']>][] = [
  [/季报|季度报表|季度总结/, '季报'],
  [/承诺书/, '承诺书'],
  [/自评/, '自评报告'],
  [/年报|年度总结/, '年报'],
  [/方案/, '方案'],
];
/** A document question asks whether it was handed in. */
export const FILING_VERBS = /交|报|签|齐|欠|收|缺/;

export const PROGRESS_WORDS = /进度|进展|到哪一?步|卡在?哪|现在到哪|到哪了|(?:整改|处理)了没有?$|(?:整改|处理|改|办)到哪儿?了?|到哪儿了|哪个?环节|哪个阶段|到什么程度|整改得?怎么样|整改得如何|整改到什么|处理到|处理得怎么样|啥情况了|(?:什么|啥)状态|状态(?:怎么样|如何)/;
export const RATE_WORDS = /[，,]整改了多少|[，,]销号了多少|整改率|销号率|闭环率|完成率|整改完成率|销号比例/;
export const TIME_WORDS = /平均|多久|多长时间|用时|时长|整改时间|(?<![前这近过头后])几天|多少天/;
export const RANK_WORDS = /最多|最高|最少|最低|排名|排排队|排个队|多的(?:学校|区|县)|排个名|排一下|排个序|排序|排行|top\s*\d|前\s*(?:\d+|[一二三四五六七八九十]+)\s*(?:名|的|所|个|位|家)?|哪[些几]所?(?:学校|区|县)?多/i;
export const LIST_WORDS = /列给|列出来|列一列|给我看看|哪些|[有是]哪几个|名单|报了啥|有啥|列一下|列出|列个|列表|清单|明细|是哪[个些所]|都是哪|哪几条|[那这][几些]条?是什么|发我|详情|是?谁负责/;

/** The dimension a "哪个…最多" asks about, named with 哪: it decides the grouping before anything else does. */
export const RANKED_BY_WORDS: [RegExp, NonNullable<AskQuery['groupBy']>][] = [
  [/哪[个一几]?(?:领域|方面|类|块|板块|种)/, 'area'],
  [/哪[一几]?个月|哪[个一几]?月份/, 'month'],
  [/哪[一几]?周|哪[个一几]?星期/, 'week'],
  [/哪种?颜色|哪[个一]?等级/, 'colour'],
];

export const GROUP_WORDS: [RegExp, NonNullable<AskQuery['groupBy']>][] = [
  [/按颜色|按风险|各颜色|分颜色|红橙黄蓝|四色|各色|颜色分/, 'colour'],
  [/按类|类别|各类|分类|按区域|按领域|各领域|各方面|各板块|哪类|哪一类/, 'area'],
  [/按月|每个?月|各月|逐月|各个月/, 'month'],
  [/按周|每周|各周|逐周|每个星期/, 'week'],
  [/各区|各县|各校|各学校|各所|各单位|各园|按区|按县|按学校|按校|分区|分学校|哪些学校|哪个学校|哪几所|哪所|哪[几些]个?(?:区|县|学校|单位)|哪个区|哪个县|每个学校|每所学校|哪几家|是哪个学?校|学校名单|学校有哪[些几]/, 'unit'],
];

/** "几条" is a question unless it is "好几条", a time (前几天/这几天: a few days ago), or runs into another noun (墙上有几条裂缝). */
const COUNTED = String.raw`(?<![十好数])几次|(?<![十好数])(?!(?<=[前这近过头后])几天)几[条个所项起家份天处](?![\u4e00-\u9fa5]|$)|(?<![十好数])(?!(?<=[前这近过头后])几天)几[条个所项起家份天处](?=$|隐患|问题|了|没|还|的|在|待|超|过|红|橙|黄|蓝|重大|吗|呢|啊|呀|区|县|学校|单位|季报|年报|方案|承诺书|自评)`;

/** Where one hazard or a few have got to (「电梯那条到哪一步了」「挡土墙的进度怎么样了」): asked, whatever the thing. */
const PROGRESS_ASK = String.raw`到哪一?步|卡在?哪(?:一?步|个?环节|里|儿)?|到哪了|到哪儿了|(?:什么|啥)(?:进度|状态)|进[度展](?:怎么样|如何|咋样|呢|[？?]?$)|(?:处理|整改|办)得?(?:怎么样|如何|咋样)`;

/** Something in the ledger is being asked about. */
export const SUBJECT_WORDS = new RegExp(String.raw`隐患|红橙黄蓝|比.{0,3}(?:怎么样|如何|呢)|整改|销号|闭环|季报|年报|承诺书|自评|方案|[红橙黄蓝](?:色|的)|超期|逾期|过期|重大|待验收|待确认|待复核|驳回|退回|报了几|新报|报的[那这哪][些几]|${PROGRESS_ASK}|排个?名|排行|(?<!安)排序|问题.{0,4}(?:多少|几|有没有)|问题(?:最|比较|较)?多|报了啥|报了什么|报[得的](?:最多|最少|多)|平均用时|平均时长|整改用时|多少条|(?<![十好数])几[条个所项起家份天](?![\u4e00-\u9fa5]|$)|(?<![十好数])几[条个所项起家份天](?=$|隐患|问题|了|没|还|的|在|待|超|过|红|橙|黄|蓝|重大|吗|呢|啊|呀|区|县|学校|单位|季报|年报|方案|承诺书|自评)`);
/**
 * A unit or a period and a document, nothing else said (「一中 自评报告」「丰泽区本季度季报」): asked whether it is in.
 * With a verb or 了 before it (「今天交了季报」) it is told.
 */
const BARE_DOCUMENT = String.raw`^(?![^，,。]*(?:交|签|传|已|了|请|要|需))[^，,。]{1,12}(?:季报|年报|自评报告?|承诺书)[？?]?$`;
/** …and asked, not told. */
export const ASK_WORDS = new RegExp(String.raw`多少|多小|${COUNTED}|(?:是不是|是否)(?:已经?|都|按时)?(?:交|提交|上交|报送|签|销号|闭环|整改完|验收|完成)|[是有]什么[？?]?$|几天(?:能|可以|才|就)?(?:整改|改|销号|闭环|处理|完成)|${BARE_DOCUMENT}|多久|平均|最多|最高|最少|^.{0,12}(?<![无没有])新增(?:了?隐患)?$|哪|吗|么样|呢|有没有|了没|交没交|怎样|如何|排名|排个名|排一下|排行|列一下|列出|列个|列表$|清单发|清单给|统计|分布|进度|进展|对比|相比|比.{0,4}[多少高低怎]|比较一下|比一比|比比看|(?:报送|提交|上报|签订|签署|交|完成|整改)情况|走势|趋势|变化|top\s*\d|前\s*\d|率|分一下|看下|看看|发我|谁还?没|是?谁负责|名单|给我个|明细|拉一下|导一下|(?<!谁[管干做])啥|什么程度|到什么|(?:数量|个数|数)$|的(?:季报|年报|自评报告?|承诺书)$|清单$|前[一二三四五六七八九十]|${PROGRESS_ASK}|(?:跟|和|与|同)[^，,。]{1,8}比[？?]?$|[？?]$`, 'i');
/** Courtesy around a question (「请问…」「您好，…」「…，谢谢您」): not what is asked, and no thank-you note. */
export const COURTESY: RegExp[] = [/^(?:您好|你好)[,，!！。~]*/, /^(?:请问一下|请问|麻烦问一下|想问一下|问一下)[,，:：]*/, /[,，。.!！~\s]*(?:谢谢|多谢|感谢)(?:您|你|啦|了|哈|领导)?[!！。.~]*$/];
/** Talk that mentions the ledger without asking it anything: thanks, notices, how-to questions, reports. */
export const NOT_A_QUESTION = /了没有?人|问题汇总|算(?:不算)?重大|请月底|前补齐|督查反馈|检查反馈|算超量|这样可以吗|要查哪些|才[0-9一二三四五六七八九十]+岁|如何销号|可以的吧|完了没销号|照片也没存|我问了|要注意哪些|讲几次了不听|好像没有[^，,。]{0,4}方案|可以销号了吗|^\/隐患|发现[0-9一二三四五六七八九十]+项问题|具体是哪[几一二三四五六七八九十]项|多少克|放冰箱要几天|检查记录|反馈整改|报[^，,。]{0,6}审批|算不算问题|几岁|翘起|【转发】|牵头|要(?:重新)?(?:换|修|报|处理|整改|拆)吗|有几[所个家](?:学校|单位|园)(?:的|[^，,。？?]{0,8}(?:超期|逾期|没|未))(?![^？?]*[？?])|(?:先|帮忙|顶|干|做)几天|这个需要吗|需要做吗|最多(?:能|可以)?(?:放|存|装|坐|带)几|^咨询[:：]|多少钱|要补[^，,。]{0,4}吗|要写吗|要不要写|(?:有|我们|他们|你们)几个在|要补什么|需要补什么|要不要再?(?:报|换|修|处理|整改|管|挪|拆|附|加|交|写|多?留|延长|停|关|撤)|听说[^，,。]{0,8}(?:有学校|外校|别的学校)|(?:不用|没|无|不)[^，,。]{0,2}啥|几[个条处点](?:问题|情况)(?:一起说|一起报|汇报|如下|[:：])|其他几[天个]|多(?:载|带|拉|坐|装|塞)了?几个|到底谁负责|(?:要|需要|用不用|该不该|算不算)报(?:隐患)?吗?[？?]|了几次(?=[\u4e00-\u9fa5])(?![^？?]*[？?])|(?:从来|一直)(?:没有?|无|未)(?:讲|说|告诉|通知|明确)过?|哪[个些里层栋].{0,6}都(?:没|不|还没)|(?<!是不是|是否|有没有)已经(?!销号|闭环|整改完)|录入|不对吧|明明|注意[：:]|每日报送|怎么计算|怎么算|是按.{0,8}还是|收到|谢谢|感谢|辛苦|请各|请大家|请于|模板|范本|方案发|材料发|怎么写|怎么弄|怎么(?:上报|报隐患|提交|填报?|操作|用)|如何(?:上报|提交|填报|使用|操作)|怎么整改|怎么处理|如何整改|谁来|谁有|派人|开会|培训|你好|您好|汇报|通知|马上|坏了|松了|裂了|裂缝|堵了|掉了|漏水|漏电|(?<!卡在?)哪里|(?<!卡)在哪|上传|全部正常|无新增|赶紧整改|谁管啥|^[一-龥]{1,3}(?:老师|校长|主任|师傅)[，, ]/;
