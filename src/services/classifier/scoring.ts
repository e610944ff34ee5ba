/**
 * Ranking of catalogue items for one report: BM25 over shared features plus a bonus
 * for each catalogue keyword found verbatim in the text. Pure and synchronous.
 */
import type { AreaCode } from '../checklist/types.js';
import type { CatalogueIndex } from './catalogue-index.js';
import { anyPatternMatches } from './patterns.js';
import { features, wordBoundaries } from './text.js';

/**
 * Tuning knobs. The values sit on a plateau: area accuracy on the dev, held-out and fresh
 * sets (≈1,040 reports) moves by at most three rows when any one of them is halved or
 * doubled, so they are not fitted to particular reports. The exception is `cue`: halving it
 * costs seven rows, because cues are how the catalogue says "this object with this defect
 * belongs here". Exported so eval scripts can sweep them.
 */
export const SCORING = {
  k1: 1.2,
  b: 0.6,
  /** Weight of one verbatim keyword hit relative to BM25 mass. */
  keyword: 1.6,
  /** How much an area's runner-up item adds to the area's score. */
  areaRunnerUp: 0.3,
  /** Keyword hit weight per character beyond the second, capped at 4 characters. */
  keywordLength: 0.5,
  /**
   * A matched item cue: an explicit object+problem conjunction (护栏 on a 上铺, 防盗网 that is
   * 松) outranks shared nouns and a single distinctive keyword of another item.
   */
  cue: 40,
  /** Weight of the area-level BM25 prior added to each area's score. */
  areaPrior: 0.5,
  /** A keyword found only inside a longer word (报告 in 报告厅) counts this much. */
  embeddedKeyword: 0.3,
};

export interface ItemScore {
  index: number;
  score: number;
}

export interface Ranking {
  items: ItemScore[];
  areas: { area: AreaCode; score: number; best: number }[];
}

/** True when some occurrence of the keyword starts and ends on word boundaries. */
function standsAlone(text: string, keyword: string, boundaries: Set<number>): boolean {
  for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
    if (boundaries.has(at) && boundaries.has(at + keyword.length)) return true;
  }
  return false;
}

function keywordBonus(text: string, index: CatalogueIndex, i: number, boundaries: () => Set<number>): number {
  const hits = index.keywords[i].filter((k) => text.includes(k.text));
  let bonus = 0;
  for (const hit of hits) {
    // A hit inside a longer hit of the same item (电车 in 电瓶车) is the same evidence.
    if (hits.some((other) => other !== hit && other.text.length > hit.text.length && other.text.includes(hit.text))) continue;
    const weight = standsAlone(text, hit.text, boundaries()) ? 1 : SCORING.embeddedKeyword;
    bonus += weight * hit.idf * (1 + SCORING.keywordLength * (Math.min(hit.text.length, 4) - 2));
  }
  return bonus;
}

function areaPrior(query: Map<string, number>, index: CatalogueIndex): Map<AreaCode, number> {
  const scores = new Map<AreaCode, number>();
  if (SCORING.areaPrior === 0) return scores;
  for (const [key, qWeight] of query) {
    const list = index.areaPostings.get(key);
    if (!list) continue;
    const idf = index.areaIdf.get(key) ?? 0;
    for (const { area, tf } of list) {
      const norm = SCORING.k1 * (1 - SCORING.b + (SCORING.b * index.areaLen[area]) / index.areaAvgLen);
      const code = index.areaCodes[area];
      scores.set(code, (scores.get(code) ?? 0) + Math.min(qWeight, 1) * idf * ((tf * (SCORING.k1 + 1)) / (tf + norm)));
    }
  }
  return scores;
}

/** `query`: the text's features when the caller has them already (the learned model reads the same ones). */
export function rank(normalised: string, index: CatalogueIndex, query: Map<string, number> = features(normalised)): Ranking {
  const n = index.items.length;
  const scores = new Float64Array(n);
  for (const [key, qWeight] of query) {
    const list = index.postings.get(key);
    if (!list) continue;
    const idf = index.idf.get(key) ?? 0;
    for (const { item, tf } of list) {
      const norm = SCORING.k1 * (1 - SCORING.b + (SCORING.b * index.docLen[item]) / index.avgLen);
      scores[item] += Math.min(qWeight, 1) * idf * ((tf * (SCORING.k1 + 1)) / (tf + norm));
    }
  }
  let cut: Set<number> | undefined;
  const boundaries = () => (cut ??= wordBoundaries(normalised));
  for (let i = 0; i < n; i += 1) {
    scores[i] += SCORING.keyword * keywordBonus(normalised, index, i, boundaries);
    if (anyPatternMatches(normalised, index.items[i].cues)) scores[i] += SCORING.cue;
  }

  const items = Array.from(scores, (score, i) => ({ index: i, score })).sort((a, b) => b.score - a.score || a.index - b.index);
  const byArea = new Map<AreaCode, number[]>();
  for (const entry of items) {
    const area = index.areaOf[entry.index];
    const list = byArea.get(area) ?? [];
    if (list.length < 2) list.push(entry.index);
    byArea.set(area, list);
  }
  const prior = areaPrior(query, index);
  const areas = [...byArea].map(([area, [best, second]]) => ({
    area,
    best,
    score: scores[best] + (second === undefined ? 0 : SCORING.areaRunnerUp * scores[second]) + SCORING.areaPrior * (prior.get(area) ?? 0),
  }));
  areas.sort((a, b) => b.score - a.score || a.best - b.best);
  return { items, areas };
}
