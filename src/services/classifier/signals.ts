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
    '顶着', '顶住', '顶开', '关不', '合不上', '打不开', '锁不上', '不严', '不见', '丢', '罩住', '罩着', '被罩', '飞线', '混用', '混放', '混在', '同一格', '放同一', '叠一起', '叠在一起', '放一起', '放在一起', '一起放', '鼠', '蟑螂', '苍蝇',
    '焊', '逃', '翻', '闯', '挤', '混着', '对不上', '不符', '不一致', '不消毒', '热得快', '电热毯', '电炉', '大功率', '电煮锅', '电热锅', '电热杯', '电火锅', '小电锅', '撕', '油垢', '油污', '一层油', '刮下来一层', '在红色', '红色那', '指针到红', '往下滴', '油厚', '蚊香', '蜡烛', '摆满', '堆满', '塞满', '放满', '贴着墙', '贴墙', '混一起', '湿湿的', '没沥干', '三无', '少了', '不合规', '一起扔', '乱扔', '随便扔', '空白', '拔了', '拔掉', '拿不出', '找不到', '抽烟', '烂了', '看不清', '同一块', '只是冲', '吵', '威胁', '勒索', '刀', '超过', '走形式', '应付', '拖', '只有', '只在', '(?<![刚方])才', '一直',
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
const ALL_CLEAR = /好吃|不错|挺好|很好|表扬|点赞|干净整洁|辛苦|感谢|一切正常|检查正常|测试正常|检测正常|全部正常|都正常|均正常|无异常|没有异常|未发现|没发现问题|无新增|没有新增|已整改|已经整改|修好了|已修复|已处理|已经处理|处理好了|处理完了|解决了|已解决|弄好了|搞定了|谢谢|没有问题|没问题|顺利|虚惊一场|误报|都换成|换成了|换好了|换了新的|都换了|👍|正常工作|工作正常|运行正常|是正常的|(?<!不)合格(?!证)|按要求|都锁好|锁好了|都锁在|两个人管|双人管|刚做完|已完成|已经完成|检测合格(?!证)|年检合格(?!证)|检验合格(?!证)|合格证贴|已移到|已经移到|已搬到|已经搬到|已落实|已配齐|已经更新|账物相符|账实相符|对得上/;

/** "…正常，但是…": what follows the contrast is the report. */
const CONTRAST = /但是?|可是|不过|就是|只是/;

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
