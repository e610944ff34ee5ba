/**
 * Per-catalogue search index: BM25 over word/bigram/char features of every item's
 * title, description, keywords and phrasings, plus a substring table of keywords.
 * Built once per catalogue object (WeakMap), so a school's edited catalogue gets its
 * own index without invalidation logic.
 */
import type { AreaCode, Catalogue, CheckItem } from '../checklist/types.js';
import { features, normalise } from './text.js';

/** Field weights: the title and keywords say what the item is; phrasings add colloquial vocabulary. */
const FIELD_WEIGHTS = { title: 2, keywords: 1.5, description: 1, phrasings: 1 } as const;

export interface KeywordEntry {
  text: string;
  /** ln(1 + N/df): a keyword many items share says little. */
  idf: number;
}

export interface CatalogueIndex {
  catalogue: Catalogue;
  items: CheckItem[];
  areaOf: AreaCode[];
  postings: Map<string, { item: number; tf: number }[]>;
  idf: Map<string, number>;
  docLen: number[];
  avgLen: number;
  keywords: KeywordEntry[][];
  /** Area-level BM25 (all items of an area as one document): which area a word belongs to. */
  areaCodes: AreaCode[];
  areaPostings: Map<string, { area: number; tf: number }[]>;
  areaIdf: Map<string, number>;
  areaLen: number[];
  areaAvgLen: number;
}

const cache = new WeakMap<Catalogue, CatalogueIndex>();

export function indexFor(catalogue: Catalogue): CatalogueIndex {
  let index = cache.get(catalogue);
  if (!index) {
    index = buildIndex(catalogue);
    cache.set(catalogue, index);
  }
  return index;
}

function itemFeatures(item: CheckItem): Map<string, number> {
  const doc = new Map<string, number>();
  const merge = (text: string, weight: number): void => {
    for (const [key, value] of features(normalise(text))) doc.set(key, (doc.get(key) ?? 0) + value * weight);
  };
  merge(item.title, FIELD_WEIGHTS.title);
  merge(item.description, FIELD_WEIGHTS.description);
  for (const keyword of item.keywords) merge(keyword, FIELD_WEIGHTS.keywords);
  for (const phrasing of item.phrasings) merge(phrasing, FIELD_WEIGHTS.phrasings);
  return doc;
}

function buildIndex(catalogue: Catalogue): CatalogueIndex {
  const items = [...catalogue.items];
  const n = items.length;
  const postings = new Map<string, { item: number; tf: number }[]>();
  const docLen: number[] = [];
  items.forEach((item, i) => {
    const doc = itemFeatures(item);
    let len = 0;
    for (const [key, tf] of doc) {
      len += tf;
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push({ item: i, tf });
    }
    docLen.push(len);
  });
  const idf = new Map<string, number>();
  for (const [key, list] of postings) {
    const df = list.length;
    idf.set(key, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }

  // Keyword df counts items whose own text contains the keyword, so a term that is
  // everyday vocabulary for several items is discounted even if listed once.
  const haystacks = items.map((item) =>
    normalise([item.title, item.description, ...item.keywords, ...item.phrasings].join('|')),
  );
  const keywords = items.map((item) => {
    const seen = new Set<string>();
    const entries: KeywordEntry[] = [];
    for (const raw of [...item.keywords]) {
      const text = normalise(raw);
      if (text.length === 0 || seen.has(text)) continue;
      seen.add(text);
      const df = Math.max(1, haystacks.filter((h) => h.includes(text)).length);
      entries.push({ text, idf: Math.log(1 + n / df) });
    }
    return entries;
  });

  const avgLen = docLen.reduce((a, b) => a + b, 0) / Math.max(1, n);
  return { catalogue, items, areaOf: items.map((i) => i.area), postings, idf, docLen, avgLen, keywords, ...areaLevel(items, postings) };
}

function areaLevel(items: CheckItem[], postings: CatalogueIndex['postings']) {
  const areaCodes = [...new Set(items.map((i) => i.area))];
  const areaPostings: CatalogueIndex['areaPostings'] = new Map();
  const areaLen = areaCodes.map(() => 0);
  for (const [key, list] of postings) {
    const byArea = new Map<number, number>();
    for (const { item, tf } of list) {
      const a = areaCodes.indexOf(items[item].area);
      byArea.set(a, (byArea.get(a) ?? 0) + tf);
      areaLen[a] += tf;
    }
    areaPostings.set(key, [...byArea].map(([area, tf]) => ({ area, tf })));
  }
  const m = areaCodes.length;
  const areaIdf = new Map<string, number>();
  for (const [key, list] of areaPostings) areaIdf.set(key, Math.log(1 + (m - list.length + 0.5) / (list.length + 0.5)));
  const areaAvgLen = areaLen.reduce((a, b) => a + b, 0) / Math.max(1, m);
  return { areaCodes, areaPostings, areaIdf, areaLen, areaAvgLen };
}
