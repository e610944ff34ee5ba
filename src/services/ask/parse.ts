// The local parser: a question in leaders' words → the query structure, with no model. Word lists live in
// lexicon.ts; this file only decides which slot a phrase fills and how slots combine.
import type { Unit } from '../../../entities/unit.entity';
import { chineseToNumber } from '../summary/numbers';
import { canonical, emptyQuery, type AskQuery } from './query';
import {
  AREA_WORDS, ASK_WORDS, PLACE_AREA_WORDS, COLOUR_WORDS, COURTESY, DOCUMENT_WORDS, FILING_VERBS, GROUP_WORDS, LIST_WORDS, MAJOR_WORDS, NOT_A_QUESTION, OPEN_WORDS,
  OVERDUE_WORDS, PROGRESS_WORDS, RANK_WORDS, RATE_WORDS, RANKED_BY_WORDS, STATUS_WORDS, SUBJECT_WORDS, TIME_WORDS, TRADITIONAL, TYPOS,
} from './lexicon';
import { BEFORE_WORDS, periodHits, THIS_OF } from './period-words';
import { unitHits, type UnitLookup } from './unit-names';
import { itemHit } from './items';
import { personHits } from './people';

export interface ParseContext {
  units: UnitLookup;
  /** The asker's scope: settles short names several units share. */
  home?: Unit;
  now: number;
}

export interface Parsed {
  /** The text asks the ledger something (false: a report, a thank-you, a notice). */
  question: boolean;
  query: AskQuery | null;
  /** Names it could not pin to one unit. */
  ambiguous: string[];
}

/** Full-width → half-width (NFKC), 繁 → 简, the bot's @-name and spaces removed, lower case. */
export function normalise(text: string): string {
  const folded = [...text.normalize('NFKC')].map((c) => TRADITIONAL[c] ?? c).join('');
  const plain = folded.replace(/@\S+\s*/g, '').replace(/\s+/g, '').toLowerCase();
  return TYPOS.reduce((t, [re, to]) => t.replace(re, to), plain);
}

/** "上上周...不对，上周新增的…": what follows a correction is what is meant. */
function afterCorrection(text: string): string {
  const m = /(?:不对|说错了|更正一下|应该是)[，,。.、:：]*/.exec(text);
  if (!m) return text;
  const rest = text.slice(m.index + m[0].length);
  return rest.length >= 4 ? rest : text;
}

/**
 * 「有几个…，…」 (or 「报的几条…，…」) with more said after the comma and nothing else asked is "there are several": a report
 * (「液化气钢瓶有几个过期的，没有检验标签」), not 「有几个过期的？」.
 */
const SEVERAL = /(?:有|报的|报了|提的|提了|发现的|查出的|登记的|那|这|记|了)几[个条处家台只根块瓶次][^，,。；;？?]*[，,。；;：:]\s*\S/;
const SEVERAL_WORD = /几[个条处家台只根块瓶次]/g;

/** With only a checklist thing for a subject (「留样不足的问题今年出现过几次」), the ask must be plain. */
const ITEM_ASK = /(?<![好十数])几[条次起处]|多少(?:条|起|次|个)|有多少|哪些|有哪|列一下|排名|最多/;

export function looksLikeQuestion(text: string): boolean {
  const courteous = normalise(text);
  const t = COURTESY.reduce((x, re) => x.replace(re, ''), courteous);
  if (!(t.length >= 3 && t.length <= 120 && (SUBJECT_WORDS.test(t) || (itemHit(t) !== null && ITEM_ASK.test(t))) && ASK_WORDS.test(t) && !NOT_A_QUESTION.test(t))) return false;
  if (SEVERAL.test(t) && !/[？?]|吗|呢/.test(t) && !ASK_WORDS.test(t.replace(SEVERAL_WORD, ''))) return false;
  return true;
}

const first = <T>(list: [RegExp, T][], text: string): T | null => {
  let best: { at: number; value: T } | null = null;
  for (const [re, value] of list) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, value };
  }
  return best?.value ?? null;
};

/** The asker's own scope said in words: 全区, 本校, 我们学校, 咱们区. */
const SCOPE_WORDS = /(?:全|本|我们?|咱们?)(?:区|县|市|学校|校)/g;

const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : chineseToNumber(s));

function topOf(text: string): number | null {
  const explicit = /top\s*(\d+)|前\s*(\d+|[一二三四五六七八九十]+)|(?:最多|最高|排名)的?(\d+|[一二三四五六七八九十两]+)[所个家名位]/i.exec(text);
  if (explicit) {
    const n = num(explicit[1] ?? explicit[2] ?? explicit[3]);
    if (Number.isInteger(n) && n > 0 && n <= 50) return n;
  }
  // 哪个, 哪所, 哪类, 哪种, 哪块: one is asked for; 哪几, 哪些: a few.
  if (/哪一?[个所家类种块](?:学校|区|县区?|单位)?.*(?:最多|最高)|(?:最多|最高)的?是哪一?[个所家类种块](?!几)/.test(text)) return 1;
  if (/哪[几些].{0,12}(?:最多|最高|多$|多[？?]?$)|(?:最多|最高)的?是?哪[几些]/.test(text)) return 3;
  return null;
}

function measureOf(t: string, document: AskQuery['document']): AskQuery['measure'] {
  if (PROGRESS_WORDS.test(t)) return 'progress';
  // A document asked of (交了没, 的年报), or with nothing but a unit or a period beside it (「二幼 承诺书」).
  if (document && (FILING_VERBS.test(t.replace(/上报的?隐患|报的隐患|新报/g, '')) || /的(?:季报|年报|自评报告?|承诺书|方案)[？?]?$|^[＿的]*(?:季报|年报|自评报告?|承诺书)[？?]?$/.test(t))) return 'filing_status';
  // A rate stays a rate when ranked ("整改率前五的区", "各区销号率排排队"): a ranking would count hazards instead.
  if (RATE_WORDS.test(t)) return 'closure_rate';
  if (TIME_WORDS.test(t) && /整改|销号|闭环|完成|处理|改完|改好|用时|时长/.test(t)) return 'time_to_close';
  if (RANK_WORDS.test(t)) return 'ranking';
  // "各区数量分别多少，按区列一下": numbers per group, listed; a list of hazards is asked without a number.
  // ("哪些学校" asks which units: still a list.)
  // ("隐患数量发我一下" asks the number, whatever verb carries it.)
  const numbersListed = !/哪[些几]|清单|明细|名单/.test(t) && /列[一个给出]|发我|给我|发一下/.test(t) && (/数量|个数|数目/.test(t) || (/多少/.test(t) && GROUP_WORDS.some(([re]) => re.test(t))));
  if (LIST_WORDS.test(t) && !numbersListed) return 'list';
  return 'count';
}

export function parseQuestion(raw: string, ctx: ParseContext, opts: { force?: boolean } = {}): Parsed {
  const question = looksLikeQuestion(raw);
  if (!question && !opts.force) return { question: false, query: null, ambiguous: [] };
  const whole = afterCorrection(normalise(raw));
  const q = emptyQuery();

  // Units first, then blank them out: 实验小学 must not read as 实验室, 丰泽区 not as 按区.
  const { hits, ambiguous } = unitHits(whole, ctx.units, ctx.home);
  const named = [...new Set(hits.filter((h) => h.unit.kind !== 'city').map((h) => h.unit.name))];
  // Several units named ("丰泽区和鲤城区各有多少"): a set, answered unit by unit.
  if (named.length >= 2) q.units = named;
  else if (named.length) q.unit = named[0];
  let t = whole;
  const blank = (at: number, end: number) => (t = t.slice(0, at) + '＿'.repeat(end - at) + t.slice(end));
  for (const h of hits) blank(h.at, h.end);

  // "跟前一个月比": a comparison with the period before the named one, which stays the current one.
  const before = [...t.matchAll(BEFORE_WORDS)];
  for (const m of before) t = t.slice(0, m.index) + '＿'.repeat(m[0].length) + t.slice(m.index + m[0].length);
  const periods = periodHits(t, ctx.now);
  // "去年整改率多少，今年呢": two periods and a follow-up 呢 compare as much as 比 does.
  // A lone period said after 比/跟/和 ("和上个季度比") is what the current one is set against; said before
  // ("上月闭环率 环比") it is the period asked, compared with the one before it.
  const target = periods.length === 1 && /(?:比|跟|和|与|同|较|相较于?|对比)$/.test(t.slice(0, periods[0].at));
  // "实小和东海本月隐患对比一下", "德化、永春、安溪这个季度整改率对比下": units set side by side, not periods.
  const sideBySide = (named.length >= 2 || GROUP_WORDS.some(([re]) => re.test(t))) && !before.length && periods.length < 2 && !target && !/环比|同比/.test(t);
  const compare = !sideBySide && (before.length > 0 || /比较?|相比|对比|环比/.test(t.replace(/比例|占比/g, '')) || (periods.length >= 2 && /[，,][^，,]*呢[？?]?$/.test(t)));
  if (compare && periods.length && before.length) {
    q.compare = 'previous';
    q.period = periods[periods.length - 1].period;
  } else if (compare && periods.length) {
    q.compare = 'previous';
    const latest = [...periods].sort((a, b) => b.order - a.order)[0];
    if (latest) q.period = target ? THIS_OF[latest.period] ?? latest.period : latest.period;
  } else if (periods.length) {
    q.period = periods[periods.length - 1].period;
  }
  // Blank the time words too: "上个月" must not read as a month count, "季度" not as a document.
  for (const p of periods) t = t.slice(0, p.at) + '＿'.repeat(p.end - p.at) + t.slice(p.end);
  // People next ("李老师报的", "赵师傅这个月负责整改的"), so a name is not read as a word of the question.
  for (const p of personHits(t)) {
    if (p.role === 'reporter') q.reporter ??= p.name;
    else q.responsible ??= p.name;
    blank(p.at, p.end);
  }
  // A checklist thing and what is said of it ("灭火器过期", "燃气报警器没装"): the item, not an area, 过期 or 没装.
  // Read only where no state or document word stands (待复核 is a state, not the item 复核).
  const item = itemHit([STATUS_WORDS, DOCUMENT_WORDS].flat().reduce((x, [re]) => x.replace(new RegExp(re.source, 'g'), (m) => '＿'.repeat(m.length)), t));
  if (item) {
    q.item = item.term;
    blank(item.at, item.end);
  }

  q.document = first(DOCUMENT_WORDS, t);
  q.area = first(AREA_WORDS, t) ?? first(PLACE_AREA_WORDS, t);
  q.major = MAJOR_WORDS.test(t) ? true : null;
  q.overdue = OVERDUE_WORDS.test(t) ? true : null;
  // "红色黄色的各有几条": two colours or more are asked one beside the other, a grouping by colour.
  const colours = new Set(COLOUR_WORDS.filter(([re]) => re.test(t)).map(([, c]) => c));
  if (/红橙黄蓝|四色/.test(t) || colours.size >= 2) q.groupBy = 'colour';
  else q.colour = first(COLOUR_WORDS, t);
  q.status = first(STATUS_WORDS, t) ?? (!q.overdue && OPEN_WORDS.test(t) ? 'open' : null);

  q.measure = measureOf(t, q.document);
  if (q.measure !== 'filing_status') q.document = null;
  // "哪个月…最多", "哪个领域…最多": the dimension asked with 哪 is the grouping, whatever else is named.
  const rankedBy = first(RANKED_BY_WORDS, t);
  q.groupBy ??= rankedBy ?? first(GROUP_WORDS, t);
  if (q.measure === 'ranking') {
    // 全区, 我们学校 name the scope, not the units ranked: "全区这个月按类别排个名" ranks areas.
    const unitsNamed = /学校|区|县|所|校/.test(t.replace(SCOPE_WORDS, ''));
    q.groupBy = rankedBy ?? (q.groupBy && q.groupBy !== 'unit' && !unitsNamed ? q.groupBy : 'unit');
    q.top = topOf(t);
  }
  // A ranked rate ("整改率前五的区是哪几个", "销号率最高的学校"): the rate per unit (or per what 哪 asks), the best first.
  if (q.measure === 'closure_rate' && RANK_WORDS.test(t)) {
    q.groupBy = rankedBy ?? q.groupBy ?? 'unit';
    q.top = topOf(t);
  }
  if (q.groupBy === 'unit') q.level = /学校|[几哪]所|各校|校/.test(t) ? 'school' : /区|县/.test(t) ? 'district' : null;
  if (q.units && !q.groupBy && q.measure !== 'progress') q.groupBy = 'unit';
  // A filing question always answers per unit (who has, who has not): the grouping is implied.
  if (q.measure === 'filing_status') q.level = /学校|[几哪]所|各校|校/.test(t) ? 'school' : /区|县/.test(t) ? 'district' : null;
  return { question, query: canonical(q), ambiguous };
}
