/**
 * Cues read off the wording itself: does it sound like a problem being reported,
 * like a question or small talk, and is anything happening right now. Used for
 * isHazardLike and to raise the risk colour above the item's default.
 */
import { maxRisk } from '../checklist/colours.js';
import type { RiskColour } from '../checklist/types.js';

/** Words that describe a defect, absence or unsafe act. */
const PROBLEM = new RegExp(
  [
    '没有?', '未', '无', '不[够足能会亮响通全齐转分戴穿关]', '不好(?!意思)', '缺', '坏', '堵', '锁', '漏', '裂', '松', '掉', '脱落', '过期', '到期', '失效', '超[员载期量]', '私',
    '乱', '违规', '违章', '危险', '红区', '红色区域', '吃出', '异物', '虫', '剩', '隔夜', '老样子', '没变', '造假', '虚假', '假的', '串联', '串接', '串着',
    '酒精炉', '明火', '火锅', '太近', '烤', '过热', '发烫', '焦', '生锈', '锈', '倒', '塌', '晃', '烫', '冒烟', '着火', '起火', '发霉', '变质', '受伤',
    '摔', '打架', '欺负', '不敢', '不放心', '霸凌', '积水', '渗', '歪', '断', '破', '挡', '占', '堆', '带电', '异味', '味道', '臭', '老化', '裸露', '拆', '封',
    '顶着', '顶住', '顶开', '关不', '合不上', '打不开', '锁不上', '不严', '不见', '丢', '罩住', '罩着', '被罩', '飞线', '混用', '混放', '混在', '鼠', '蟑螂', '苍蝇',
    '焊', '逃', '翻', '闯', '挤', '混着', '对不上', '不符', '不一致', '不消毒', '热得快', '电热毯', '电炉', '大功率', '电煮锅', '电热锅', '电热杯', '电火锅', '小电锅', '撕', '拔了', '拔掉', '拿不出', '抽烟', '烂了', '看不清', '同一块', '只是冲', '吵', '威胁', '勒索', '刀', '超过', '走形式', '应付', '拖', '只有', '只在', '(?<![刚方])才', '一直',
  ].join('|'),
);

/** Questions and small talk addressed to the bot (looksLikeQuestion also covers notices). */
const QUESTION = /[?？]|吗$|呢$|了没有?$|几点|几号|什么时候|哪天|哪里|在哪|怎么(?:用|办|弄|填|报|交|写|操作)|如何|请问|能不能|可不可以|是不是|有没有人|放哪|在哪儿|哪儿|谁知道|谁有|是多少|多少钱|哪个区域|哪位|在谁那|谁那里|谁手上|谁手里/;
/** Announcements and requests to colleagues: only a report when a defect is named too. */
const NOTICE = /改到|改在|改成|通知大家|请各|请大家|各位老师|发给我|发我|发一下|传一下|帮我|记得|报名|提交|截止|不准|严禁|一律|不得|请准时|准时参加|按时参加|请于|请在|会议通知|通知:|例会|开会|提醒一下|提醒大家|温馨提示|培训会|召开|全体教师|全体老师|放你|给你|你桌上|交给你|谁收|收一下|收拾一下|大家把|交一下|统计一下|填一下|做好准备|准备一下|请大家监督|请假|调休|代班|顶班/;
const CHITCHAT = /^(?:好的?|收到|谢谢|感谢|辛苦了?|ok|嗯+|哈+|早上好|早安|晚安|大家好|你好|在吗|测试)[!！。.~～]*$/i;
/** Laughter and talk about prices or taste: conversation, not a report, unless a defect is named. */
const CASUAL = /哈哈|呵呵|嘿嘿|😂|🤣|价格|涨价|太贵/;

/** Something is happening now or someone is already hurt: at least 橙. */
const URGENT = /冒烟|着火|起火|火苗|明火|漏电|带电|触电|电到|煤气味|燃气味|漏气|倒塌|塌了|坍塌|摇摇欲坠|随时会?[掉倒塌]|砸到|受伤|流血|骨折|昏迷|晕倒|中毒|上吐下泻|不想活|轻生|自残|持刀|打伤/;

/** Praise or an all-clear: not a report unless a defect is named as well. */
const ALL_CLEAR = /好吃|不错|挺好|很好|表扬|点赞|干净整洁|辛苦|感谢|一切正常|检查正常|测试正常|检测正常|全部正常|都正常|均正常|无异常|没有异常|未发现|没发现问题|无新增|没有新增|已整改|已经整改|修好了|已修复|已处理|已经处理|处理好了|处理完了|解决了|已解决|弄好了|搞定了|谢谢|没有问题|没问题|顺利|虚惊一场|误报|都换成|换成了|换好了|换了新的|都换了|👍|正常工作|工作正常|运行正常|是正常的|(?<!不)合格(?!证)|按要求|都锁好|锁好了|都锁在|两个人管|双人管|刚做完|已完成|已经完成|检测合格(?!证)|年检合格(?!证)|检验合格(?!证)|合格证贴|已移到|已经移到|已搬到|已经搬到|已落实|已配齐|已经更新/;

/** "…正常，但是…": what follows the contrast is the report. */
const CONTRAST = /但是?|可是|不过|就是|只是/;

/** Said of an earlier event: 上个月…那件事, 上周讲的…那个事. */
const EARLIER = /原来|昨天|昨晚|上个?月|上周|上星期|上礼拜|上次|去年|上学期|前几天|前阵子|之前|那次|那件事|那个事|之后/;
/** …and that it has been dealt with since (a negation before it keeps it open: 还没处理). */
const DEALT_WITH = /(?<![没未不])(?:已经?|都已经?|就|都)(?:全部|都)?(?:拆|收走|换成|搬到|搬走|搬出|锁起来|拔掉|清走|清理|拆除|拆掉|整改|处理|通报处理|更换|换掉|换了|修好|修复|停用|重做|重新做|加固|补好|补办|补齐|换人)|换了新的|换上新的|换成新的|换新的了|全部换新|(?<![没未])已经?不再?(?:坐|用|开|让|放|住)|(?<![没未不])(?:处理了|处理完|整改完|整改好|清走了|拆掉了|修好了|换好了)|(?<![没未不])锁起来了|(?<![没未不])拿走了|之后[^，,。]{0,4}就?不(?:做|用|再)|现在一律|现在都(?:停|放|按|有)|现在每(?![天日])|现在好多了|后来[^，,。]{0,6}都安排|改成了?砖|当场[^，,。]{0,6}(?:推出去|拿走|收走|清走|制止)|没再[^，,。]{0,3}(?:看到|发现|进水|漏|出现|发生|坏|响)/;
/** What is still wrong after the all-clear: 「已经处理了一半，还有几辆」. */
const STILL_OPEN = /但是?|可是|不过|就是|只是|还有|还在(?!清|收拾|整理|补)|照常|照样|又(?:有|发现|看到|出现|开始)|仍然|还是有|还没|还未/;
/** Asked about another school or the news: 「听讲别的学校…出过事，我们学校阿是也有？」 */
export const ELSEWHERE_WORDS = ['别的学校', '其他学校', '外校', '隔壁学校', '兄弟学校', '有学校', '有所学校', '有个学校', '有间学校', '某校', '某学校', '那所学校', '外地学校', '新闻', '视频里', '网上'];
/** Not this school's: 「不是我们学校的车」, 「离学校三四公里…我们这边没事」. */
export const NOT_OURS_WORDS = ['不是我们学校', '不是我们的', '不是本校', '不是我校', '我们这边没事', '我们学校没事', '学校这边没事', '学校没受影响'];
const NOT_OURS = new RegExp(NOT_OURS_WORDS.join('|'));
const ELSEWHERE = new RegExp(ELSEWHERE_WORDS.join('|'));
const ASKING = /[?？]|要不要|是不是|阿是|会不会|有没有/;
/** A change only planned, asked about: 「明年能不能把地下室改成宿舍？」 */
const PLANNED = /(?:明年|下学期|以后|将来|打算|计划|准备|在想|想把|想在|想要|想给)[^，,。]{0,14}(?:改成|改为|建|盖|搭|搬|装|用作|当成)/;
/** Supposing, and asking whether it would count: 「请问如果老师把电动车推进走廊，只停五分钟，这样也算吗？」 */
const SUPPOSING = /^(?:请问|想问一下|问一下|老师)?[^，,。]{0,4}(?:如果|假如|假设|万一|要是|若是)/;
/** …asking whether it would count or be allowed (not 「万一着火怎么办？出口都锁了」, which reports the locks). */
const WOULD_IT_COUNT = /算吗|也算|算不算|可以吗|行不行|可不可以|能不能|违规吗|合规吗|允许吗|要不要/;
/** Asking leave for something not yet done: 「电动车电池能不能放门卫室里充？」 「请问电池可以拿到办公室充电吗？」 */
const MAY_I = /(?:能不能|可不可以|可以|能否|是否可以|允不允许)(?:把|将|放|拿|带|推|停|充|存|搬|装|设|改)[^，,。?？]{0,16}(?:吗|[?？])/;
/** Dealt with on the spot, nothing said to be left: 「我当场收了锁到车棚充电柜里」, 「我先叫停了」. */
const ON_THE_SPOT = /(?:当场|已经?|马上|立刻|立即|随即|我就|我先|先|刚)[^，,。]{0,6}(?:拿走|收走|收了|清走|移走|搬走|锁到|锁进|没收|拔掉|拔了|制止|叫停|处理掉|清理掉|扔掉|倒掉|推出去|拿出来|拆下来|撤走)/;

/**
 * The message reports no open hazard: an earlier one that has been dealt with since, a question prompted by another
 * school's accident, a change only planned and asked about, or a supposition asked about (「如果…这样也算吗？」).
 * The major rules read states, and none of these is a state of this school now.
 */
export function reportsNothingOpen(normalised: string): boolean {
  if ((ELSEWHERE.test(normalised) || PLANNED.test(normalised)) && ASKING.test(normalised)) return true;
  if (NOT_OURS.test(normalised) || MAY_I.test(normalised)) return true;
  const spot = ON_THE_SPOT.exec(normalised);
  if (spot && !STILL_OPEN.test(normalised.slice(spot.index + spot[0].length))) return true;
  if (SUPPOSING.test(normalised) && WOULD_IT_COUNT.test(normalised)) return true;
  if (!EARLIER.test(normalised)) return false;
  const dealt = DEALT_WITH.exec(normalised);
  return dealt !== null && !STILL_OPEN.test(normalised.slice(dealt.index + dealt[0].length));
}

export function soundsAllClear(normalised: string): boolean {
  const match = ALL_CLEAR.exec(normalised);
  if (!match) return false;
  return !CONTRAST.test(normalised.slice(match.index + match[0].length));
}

/** A defect is named; the all-clear phrases themselves ("没有问题") do not count. */
export function looksLikeProblem(normalised: string): boolean {
  // A closing 了没 asks a question ("交了没"); it names no defect.
  return PROBLEM.test(normalised.replace(new RegExp(ALL_CLEAR.source, 'g'), '').replace(/了没有?[?？。]*$/, ''));
}

/** "学生不知道地震时躲在哪里" reports a gap in knowledge; the question word is embedded. */
const INDIRECT = /不知道|不清楚|不懂|不会|搞不清|说不清/;

export function looksLikeQuestion(normalised: string): boolean {
  if (NOTICE.test(normalised) || CHITCHAT.test(normalised) || CASUAL.test(normalised) || /[?？]/.test(normalised)) return true;
  return QUESTION.test(normalised) && !INDIRECT.test(normalised);
}

export function isUrgent(normalised: string): boolean {
  return URGENT.test(normalised);
}

/**
 * Areas whose colours come from the guide's and the checklist's severity (the item's colour, a major rule's red),
 * never from generic cue words: 食品安全, 校舍, 实验室危化品. An incident in progress there is an emergency instead.
 */
const SEVERITY_FROM_CHECKLIST = new Set(['food', 'building', 'lab']);

/** Item default, raised to 橙 for urgent wording outside the areas above; never lowered. */
export function adjustRisk(base: RiskColour, normalised: string, area?: string): RiskColour {
  if (area !== undefined && SEVERITY_FROM_CHECKLIST.has(area)) return base;
  return isUrgent(normalised) ? maxRisk(base, 'orange') : base;
}
