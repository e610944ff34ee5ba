/**
 * Text normalisation and features shared by the catalogue index and the query side,
 * so both are cut the same way. Jieba is loaded once, lazily (≈0.2 s), because the
 * bot process may never classify anything.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

let jieba: Jieba | undefined;

function getJieba(): Jieba {
  // Required here, not imported at the top: the HTTP thread never segments, so it never pays for the dictionary.
  jieba ??= (require('@node-rs/jieba') as typeof import('@node-rs/jieba')).Jieba.withDict((require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js')).dict);
  return jieba;
}

/** Load the segmenter now (e.g. at startup) instead of on the first report. */
export function warmUpSegmenter(): void {
  getJieba();
}

/**
 * Misspellings of safety terms that phone keyboards and voice input produce (homophones,
 * neighbouring characters), mapped to the usual form. Only variants that are not words in
 * their own right, so the rewrite never changes what a report says.
 */
export const VARIANTS: readonly (readonly [string, string])[] = [
  ['电平车', '电瓶车'], ['电频车', '电瓶车'], ['电品车', '电瓶车'], ['电瓶单车', '电瓶车'],
  ['烟敢', '烟感'], ['烟赶', '烟感'], ['烟杆报警', '烟感报警'],
  ['防道网', '防盗网'], ['防到网', '防盗网'], ['防盗綱', '防盗网'],
  ['危话品', '危化品'], ['危花品', '危化品'], ['危货品', '危化品'], ['危化拼', '危化品'],
  ['灭火气', '灭火器'], ['灭火起', '灭火器'], ['天拿水', '天那水'],
  ['消防拴', '消防栓'], ['消火拴', '消火栓'], ['消防箱拴', '消防栓箱'],
  ['应及灯', '应急灯'], ['应急等不亮', '应急灯不亮'], ['疏散指式', '疏散指示'],
  ['煤汽', '煤气'], ['天燃气', '天然气'], ['燃汽', '燃气'], ['报警气', '报警器'],
  ['配电相', '配电箱'], ['插线版', '插线板'], ['插排版', '插排'], ['漏电保户', '漏电保护'],
  ['监空', '监控'], ['摄象头', '摄像头'], ['健康正', '健康证'],
  ['护拦', '护栏'], ['栏干', '栏杆'], ['扶守', '扶手'], ['裂峰', '裂缝'], ['楼提', '楼梯'],
  ['隐换', '隐患'], ['整该', '整改'], ['锁匙', '钥匙'], ['电悌', '电梯'], ['锅护', '锅炉'],
];

/** Half-width, lower-case, no whitespace, common misspellings fixed: the form rules and keywords are matched against. */
export function normalise(text: string): string {
  let out = text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  for (const [variant, usual] of VARIANTS) if (out.includes(variant)) out = out.split(variant).join(usual);
  return out;
}

const CJK = /[\u4e00-\u9fff]/;
const WORDLIKE = /^[\u4e00-\u9fffa-z0-9]+$/;

/** Function words carry no topic; dropping them keeps idf mass on content. */
const STOP = new Set(
  ('的 了 在 是 有 也 都 就 还 很 又 和 与 及 或 被 把 给 让 从 到 对 向 这 那 个 些 一 上 下 里 中 着 过 吧 呢 啊 吗 呀 么 ' +
    '我 你 他 她 它 我们 你们 他们 大家 自己 这个 那个 一个 一些 什么 怎么 没有 不 没 说 看 要 会 能 去 来 做 用 已经 现在 ' +
    '今天 昨天 有点 有些 好多 很多 一直 还是 但是 可是 而且 因为 所以 就是 还有 老师 学校 学生 同学 我校').split(' '),
);

/** Weighted features: jieba words (w:), CJK bigrams (b:) and single characters (c:). */
export interface FeatureWeights {
  word: number;
  bigram: number;
  char: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { word: 1, bigram: 0.5, char: 0.15 };

/** Tuning knob: search mode adds sub-words of compounds (体育器材 → 体育, 器材). */
export const SEGMENT = { searchMode: true };

export function features(
  normalised: string,
  weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
): Map<string, number> {
  const out = new Map<string, number>();
  const add = (key: string, weight: number): void => {
    if (weight > 0) out.set(key, (out.get(key) ?? 0) + weight);
  };
  for (const word of (SEGMENT.searchMode ? getJieba().cutForSearch(normalised, true) : getJieba().cut(normalised, true))) {
    if (!WORDLIKE.test(word) || STOP.has(word)) continue;
    if (word.length > 1 || !CJK.test(word)) add(`w:${word}`, weights.word);
  }
  for (const run of normalised.match(/[\u4e00-\u9fff]+/g) ?? []) {
    for (let i = 0; i < run.length; i += 1) {
      const ch = run[i];
      if (!STOP.has(ch)) add(`c:${ch}`, weights.char);
      if (i + 1 < run.length) add(`b:${run.slice(i, i + 2)}`, weights.bigram);
    }
  }
  return out;
}

/** Word boundaries (character offsets) of jieba's precise cut, to tell 报告 from 报告厅. */
export function wordBoundaries(normalised: string): Set<number> {
  const boundaries = new Set<number>([0]);
  let offset = 0;
  for (const word of getJieba().cut(normalised, true)) {
    offset += word.length;
    boundaries.add(offset);
  }
  return boundaries;
}
