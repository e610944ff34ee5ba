import type { DataSource } from 'typeorm';
import { conversations } from '../../db/repositories/conversation.repository';
import { normalise } from '../classifier/text';
import type { Classification } from '../classifier/types';

/** The follow-up must come from the same person in the same group within this window. */
export const ASK_WINDOW_MS = 10 * 60_000;
/** After this many questions without enough to file, the bot stops asking. */
export const MAX_ASKS = 2;

/** Words that say "something is wrong, come and look" without saying what or where. */
/** Asking whether a described thing is allowed or counts. */
const ASKS_THE_RULE = /合规|违规|算不算|符不符合|允许|可不可以|能不能|可以的吧|可以吗|行不行|没超吧|没问题吧|先问清楚|该怎么处理|要怎么处置|要注意什么|要注意哪些/;
const VAGUE_CUE = /(?<![没无])问题|不安全|不太安全|隐患|危险|险情|情况|不对劲|不对|出事|异常|不正常|怪怪的|有点怪|坏了|注意|小心|麻烦|不放心|担心|迟早|看一下|看看|来看|管管|管一下|没人管|谁管|谁负责|帮忙|处理|整改|要报|报不报|怎么办|😱|😨|😰|😓|😟|⚠|unsafe|problem|issue|danger|hazard|wrong|concern|not safe|not right|check|look at|help/i;
/** Pointing back at something unnamed (那边又那样了, 还是老样子, 上次说的那个): vague when little else is said. */
const POINTER_CUE = /那边|这边|那里|这里|那个|这个|那样|这样|又来|又是|又那样|老样子|老问题|上次|还是|那个地方|this again|again|that thing/i;
/** Talk about time, meetings and papers, praise, and work handed to a colleague is not a report however short it is. */
const OFF_TOPIC = /几点|几号|哪天|什么时候|开会|会议|例会|放假|调课|课表|报名|交表|填表|表格|文件|材料|发我|发一下|通知|收到|谢谢|好的|你好|在吗|早上好|晚安|测试|哈哈|厉害|👍|👌|跟进|哪个区域|哪个部门|meeting|thanks|thank you|hello|^ok$/i;
/** What is left when the cue words, pointers and fillers are removed is the content of the report. */
const FILLER_ZH = /迟早|管管|管一下|没人管|谁管|谁负责|负责|帮忙|处理|需要|整改|要报|报不报|怎么办|下去|这样|那样|老样子|老问题|上次|说的|还是|又|下|问题|不安全|不太安全|安全|隐患|危险|险情|情况|不对劲|不对|出事|异常|不正常|怪怪的|有点怪|注意|小心|麻烦|不放心|担心|这里|那里|这边|那边|这儿|那儿|这个|那个|这块|那块|附近|有点|有些|有个|一个|一些|好像|感觉|觉得|可能|似乎|发现|看到|看见|我们|我|你们|大家|老师|同学|学校|请|快|来|去|看看|看一下|一下|处理|一点|很|太|挺|比较|不|没|有|个|点|的|了|吧|啊|呀|呢|吗|哦|嗯|哈|是|在|也|都|还|又|就|要|会|[\p{P}\p{S}]/gu;
const FILLER_EN = /\b(?:please|there|here|is|are|a|an|the|some|this|that|it|there's|it's|thing|things|unsafe|problem|problems|issue|issues|danger|dangerous|hazard|wrong|concern|not|safe|right|something|i|we|see|saw|found|think|look|looks|very|really|quite|bit|little|kind|of|with|in|at|on|have|has|got|may|might|be)\b/gi;

export interface Vagueness {
  /** Too little to file: ask 「在哪里？看到了什么？」. */
  vague: boolean;
  /** The text says something is wrong (有问题, 不太安全): a plain message is asked about, not brushed off. */
  cue: boolean;
  where: boolean;
  what: boolean;
}

/**
 * A report needs a what (a defect, an object) and, ideally, a where. The content left after the cue words and
 * fillers is what the person actually said; a strong checklist match means the what is there.
 */
export function vagueness(text: string, c: Classification, opts: { explicit?: boolean } = {}): Vagueness {
  const n = normalise(text).slice(0, 400);
  const content = normalise(text.slice(0, 400).replace(/@\S+/g, ' ').replace(FILLER_EN, ' ')).replace(FILLER_ZH, '');
  const top = c.candidates[0]?.score ?? 0;
  const where = Boolean(c.location);
  // The place alone is not a what: 「三楼楼梯口有问题」 is asked 「三楼楼梯口看到了什么？」.
  const rest = c.location ? content.replace(normalise(c.location), '') : content;
  // A question whether something concrete is allowed (「小班在三楼，会不会不合规？」) names its what.
  // A place and a thing wrong with it (「侧门锁又坏了」) is a what however short; so is a question that matches an item
  // strongly (「留样几小时？」), which asks about that item.
  const what = c.major.flag || (c.isHazardLike && top >= 10 && rest.length >= 2) || (ASKS_THE_RULE.test(n) && rest.length >= 6)
    || (where && ((c.isHazardLike && top >= 6 && rest.length >= 2) || rest.length >= 4)) || (/[?？]$/.test(n) && top >= 14 && rest.length >= 3);
  const offTopic = OFF_TOPIC.test(n);
  const cue = !offTopic && (VAGUE_CUE.test(n) || (POINTER_CUE.test(n) && rest.length <= 4));
  // "/隐患 有问题" and "@bot 这里不太安全": a cue or an explicit report, and nothing concrete behind it.
  const vague = !what && (rest.length <= 2 || (cue && top < 12) || (opts.explicit === true && !c.isHazardLike && content.length <= 8));
  return { vague, cue, where, what };
}

export interface Ask {
  id: number;
  text: string;
  asks: number;
  sourceMsg: string;
}

/** The open question to this person in this group, if it is still within the window. */
export async function pendingAsk(ds: DataSource, groupId: number, memberId: number, now: number): Promise<Ask | null> {
  const row = await conversations(ds).pending(groupId, memberId, now);
  return row ? { id: row.id, text: row.text, asks: row.asks, sourceMsg: row.sourceMsg } : null;
}

/** Records (or replaces) the question; kept in the database so whichever instance gets the follow-up can finish it. */
export async function saveAsk(ds: DataSource, a: { groupId: number; memberId: number; text: string; asks: number; sourceMsg: string; now: number }): Promise<void> {
  await conversations(ds).save({
    groupId: a.groupId, memberId: a.memberId, text: a.text.slice(0, 2000), asks: a.asks, sourceMsg: a.sourceMsg.slice(0, 191), createdAt: a.now, expiresAt: a.now + ASK_WINDOW_MS,
  });
}

export async function dropAsk(ds: DataSource, groupId: number, memberId: number): Promise<void> {
  await conversations(ds).drop(groupId, memberId);
}

/** 「算了」「不用了」「没事了」: the person withdraws; nothing is filed. */
export const WITHDRAW = /^(?:算了|不用了?|没事了?|没关系|不是|搞错了|发错了|取消|never ?mind|cancel|no|ignore)[。！!.~～]*$/i;
