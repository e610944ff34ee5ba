/**
 * 综合判定 inside one message. A teacher back from a round often sends the whole list at once (「灭火器过期、消火栓被柜子
 * 挡住、应急灯不亮、防火门用凳子顶着」): the findings the unit-level judgement counts (hazards/combined.ts), only in one
 * report. Each clause that names a defect is placed on its own best item; when the distinct items under one combined
 * rule reach its threshold, the report is a 疑似重大 under that rule. Distinct items, not clauses: three ways of saying
 * "the stairs are cluttered" are one finding.
 */
import type { CombinedRule } from '../checklist/types.js';
import type { CatalogueIndex } from './catalogue-index.js';
import { rank } from './scoring.js';
import { clauseNotOpen } from './not-open.js';
import { looksLikeProblem, soundsAllClear } from './signals.js';
import { wordBoundaries } from './text.js';

/** A clause below this top score shares too little with any item to be a finding of its own (twice a report's floor). */
const MIN_CLAUSE_SCORE = 8;
/** Shorter pieces (「焊死的」) qualify the clause before them rather than name a finding. */
const MIN_CLAUSE_LENGTH = 4;
/**
 * A message framed as a list of findings (「今天食堂检查：…」「问题不少：…」「记几条：①…」): each clause there is a finding
 * even when it describes the defect without a word for one (「餐盘洗完直接摞在推车上」), so a strong match is enough.
 */
const FINDINGS_FRAME = /^[^，,。:：]{1,8}问题[,，:：]|周检|月检|日检|专项检查|检查[:：]|检查记|记一下[:：]|一起报|一起讲|一起说|一起发|一并报|自查|查了一下|排查[:：]|顺手记|记的[:：]|记了[:：]|报来几条|几条[:：]|问题有点多|问题比较多|查了一圈|走了一圈|看了一圈|转了一圈|巡了一圈|问题不少|问题一堆|问题很多|问题挺多|好几个问题|几个问题|几处问题|记几条|记了几条|几点问题|发现[:：]|存在[:：]|情况如下|转一圈|走一圈|看一圈|说了好几项|例行巡查|巡查[:：]|老几样|都要改|都要整改|[两三四五六几]样都|这几处/;
/** In such a list, a clause that matches one item this strongly (four times a report's floor) is a finding. */
const FRAMED_CLAUSE_SCORE = 16;
/** …unless it says the thing is in order (「灭火器在有效期内」「消火栓有水」「应急灯都亮」). */
const IN_ORDER = /有效期内|在有效期|有水|都亮|能亮|会亮|正常|齐全|完好|都在|合格|没问题|挺好|干净|整洁|到位|落实了|都有|一致|双人双锁|防爆柜内|在防爆柜/;

/** 「其他留样、证照、库房都正常」: the rest checked and in order, listed only to say so; not findings. */
const THE_REST_IN_ORDER = /(?<=^|[，,；;。：:])(?:其他|其余|别的|另外)[^，,；;。]{0,24}(?:都|均|也都|全都|全部)(?:没问题|没有问题|正常|合格|齐全|到位|在|有|对得上|好)[^，,；;。]{0,4}/g;

export interface CombinedInReport {
  rule: CombinedRule;
  items: string[];
}

/**
 * A scene that names a field of the checklist (「消防的一起讲：…」, 「本周食堂消防专项检查：…」): that field's area, before
 * the place it names; a bare field name otherwise.
 */
const AREA_NAMES: readonly [RegExp, string][] = [
  [/消防|防火/, 'fire'],
  [/食品安全|食安/, 'food'],
  [/^(?:食品)(?:方面|这块|这一块|上)?的?$/, 'food'],
  [/^(?:实验室|实验|危化品)(?:方面|这块|这一块|上)?的?$/, 'lab'],
  [/^(?:校舍|房屋)(?:方面|这块|这一块|上)?的?$/, 'building'],
  [/^(?:水电|用电|设施设备|设备)(?:方面|这块|这一块|上)?的?$/, 'facilities'],
];

/** The field of a list with no scene: the combined rule the whole message's best item counts under (fire training → fire). */
function fieldOf(normalised: string, index: CatalogueIndex, rules: readonly CombinedRule[], messageTop?: string): string | undefined {
  // The caller's ranking of the whole message, when it has one; otherwise ranked here.
  const top = messageTop !== undefined ? index.items.find((item) => item.code === messageTop) : index.items[rank(normalised, index).items[0]?.index ?? -1];
  if (!top) return undefined;
  return rules.find((r) => r.items.includes(top.code))?.guideArea ?? top.area;
}

/** A scene's place must match an item at least this well to set the list's field. */
const PLACE_SCORE = 10;

/** How close the scene's item must come to the clause's own best to take its place. */
const SCENE_SHARE = 0.6;

/** 「1.…2.…」「①…②…」 (normalised to digits): each number starts a finding; 3.5米 and 2楼 are not list numbers. */
const LIST_NUMBER = /(?<![\d.])\d{1,2}[.．、)）](?!\d)|\d\ufe0f?\u20e3/g;
const HAN = '\\u4e00-\\u9fa5';

/**
 * 「问题：1 台账没登记 2 废液桶满了 3 没有警示牌」 loses its spaces in normalising (「:1台账…了2废液…3危化品」): a list that
 * opens with 1 after a colon is split at 2, 3, … standing between Chinese characters, in order.
 */
const LIST_OPENS = new RegExp(`[:：]1(?=[${HAN}])`);
/** 2 … 9, each between Chinese characters. */
const BARE_NUMBERS = [2, 3, 4, 5, 6, 7, 8, 9].map((k) => new RegExp(`(?<=[${HAN}])${k}(?=[${HAN}])`));

/** A run this long with no punctuation at all (voice input) may hold several findings. */
const LONG_RUN = 18;
/** Each side of a cut must name a defect and match its own item at least this well. */
const RUN_PART_SCORE = 10;

/**
 * 「厨房生熟砧板混着用案板边上有老鼠屎进货单一张都没有」: voice input runs findings together. The run is cut at the word
 * boundary where both sides name a defect and match different items best, the weaker side as strong as possible;
 * each side is cut again the same way (at most four parts). A run that reads as one finding stays whole.
 */
function splitRun(run: string, index: CatalogueIndex, depth = 0): string[] {
  if (run.length < (depth === 0 ? LONG_RUN : 12) || depth > 1) return [run];
  let best: { at: number; weaker: number } | undefined;
  for (const at of wordBoundaries(run)) {
    if (at < 6 || run.length - at < 6) continue;
    const left = run.slice(0, at);
    const right = run.slice(at);
    if (!looksLikeProblem(left) || !looksLikeProblem(right)) continue;
    const l = rank(left, index).items[0];
    const r = rank(right, index).items[0];
    if (!l || !r || l.index === r.index) continue;
    const weaker = Math.min(l.score, r.score);
    if (weaker >= RUN_PART_SCORE && (!best || weaker > best.weaker)) best = { at, weaker };
  }
  if (!best) return [run];
  return [...splitRun(run.slice(0, best.at), index, depth + 1), ...splitRun(run.slice(best.at), index, depth + 1)];
}

function splitBareNumbers(text: string): string {
  const start = LIST_OPENS.exec(text);
  if (!start) return text;
  let out = text.slice(0, start.index + 1) + '；' + text.slice(start.index + 2);
  let from = start.index + 2;
  for (const number of BARE_NUMBERS) {
    const next = number.exec(out.slice(from));
    if (!next) break;
    const at = from + next.index;
    out = `${out.slice(0, at)}；${out.slice(at + 1)}`;
    from = at + 1;
  }
  return out;
}

/** The first rule (in list order: the narrower ones first) whose threshold the message's findings reach. */
export function combinedInReport(normalised: string, index: CatalogueIndex, rules: readonly CombinedRule[], messageTop?: string): CombinedInReport | undefined {
  const smallest = Math.min(...rules.map((r) => r.threshold));
  // Semicolons between clauses, or a scene and a colon first (「食堂后厨：…」), list findings as well.
  const framed = FINDINGS_FRAME.test(normalised) || (normalised.match(/[;；]/g)?.length ?? 0) >= 2 || (normalised.match(LIST_NUMBER)?.length ?? 0) >= 2 || (normalised.match(/[|｜]/g)?.length ?? 0) >= 2 || /^(?:\d{1,2}[.．、])?[^，,。:：;；]{2,14}[:：]/.test(normalised);
  const split = splitBareNumbers(normalised.replace(THE_REST_IN_ORDER, '，')).replace(LIST_NUMBER, '；').split(/[，,；;。：:!！?？~～|\n]+|、/);
  // Only a message with no punctuation at all is cut by sense; a punctuated one has said where its findings end.
  const pieces = split.length === 1 ? splitRun(split[0], index) : split;
  // The scene the list is about (「生物化学合用的那间实验室：…」): a clause that on its own files elsewhere is read in it.
  const head = pieces.find((p) => p.length >= 2);
  const scene = head && !looksLikeProblem(head) ? head : undefined;
  // The place, not the words that open the list: 「准备室的问题」 is about the prep room, not the hazard ledger.
  const place = scene?.replace(/的?(?:问题|情况|专项|巡查|自查|复查|排查|巡检|检查|几条|记一下|如下|汇总|一起[报讲说发]|一并报)/g, '');
  const clauses = pieces.filter(
    (c) => c !== scene && c.length >= MIN_CLAUSE_LENGTH && (looksLikeProblem(c) || (framed && !IN_ORDER.test(c))) && !soundsAllClear(c) && !clauseNotOpen(c),
  );
  // Most reports stop here: the scene's field is only worked out for a message that lists enough findings.
  if (clauses.length < smallest) return undefined;
  // No scene named first: the field the whole message ranks for (「食堂那边进的青菜没有票 豆腐也是三无的…」 is a canteen list).
  // A scene that names no place or field (「园长周一例行排查，通报一下」) ranks for nothing in particular: the whole message is read instead.
  const named = place ? AREA_NAMES.find(([re]) => re.test(place))?.[1] : undefined;
  const placeTop = place && !named ? rank(place, index).items[0] : undefined;
  const sceneArea = named ?? (placeTop && placeTop.score >= PLACE_SCORE ? index.items[placeTop.index].area : fieldOf(normalised, index, rules, messageTop));
  const placed = new Set<string>();
  for (const clause of clauses) {
    const floor = looksLikeProblem(clause) ? MIN_CLAUSE_SCORE : FRAMED_CLAUSE_SCORE;
    const ranked = rank(clause, index).items;
    let top = ranked[0];
    // …unless the clause's own item already counts under a rule of the scene's field (fire training for a fire list).
    const countsInScene = top !== undefined && rules.some((r) => r.guideArea === sceneArea && r.items.includes(index.items[top.index].code));
    if (sceneArea && top && index.items[top.index].area !== sceneArea && !countsInScene) {
      // The clause's best item in the scene's area, when it matches nearly as well as the clause's own best.
      const inScene = ranked.find((entry) => index.items[entry.index].area === sceneArea);
      if (inScene && inScene.score >= floor && inScene.score >= SCENE_SHARE * top.score) top = inScene;
    }
    if (top && top.score >= floor) placed.add(index.items[top.index].code);
  }
  for (const rule of rules) {
    const items = rule.items.filter((item) => placed.has(item));
    if (items.length >= rule.threshold) return { rule, items };
  }
  return undefined;
}
