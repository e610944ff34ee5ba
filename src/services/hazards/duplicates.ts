import type { DataSource } from 'typeorm';
import { hazards } from '../../db/repositories/hazard.repository';
import { normalise } from '../classifier/text';
import type { HazardRow } from './hazard.types';

/**
 * When is a new report the same hazard as an open one? Same unit, same checklist item (or the same area with wording
 * closer still, SAME_AREA_THRESHOLD), opened within the window, and close in wording: the Dice coefficient of the character bigrams of both descriptions (function characters
 * dropped) reaches DUPLICATE_THRESHOLD. Two reports that name different places of the same kind (三楼 / 五楼,
 * 东侧 / 西侧, 男生 / 女生, 302 / 305) are never duplicates, however alike the rest is. Measured on
 * test/fixtures/duplicate-pairs.jsonl (dev-set reports and their second-teacher paraphrases).
 */
export const DUPLICATE_THRESHOLD = 0.4;
/** Two classifications of one hazard may pick neighbouring items of the same area; then the wording must be closer. */
export const SAME_AREA_THRESHOLD = 0.6;
export const DUPLICATE_WINDOW_MS = 90 * 24 * 3600_000;

const FUNCTION_CHARS = /[的了在是有也都就还很又和与及或被把给让从到对向这那个些一上下里中着过吧呢啊吗呀么我你他她它们好多很些点\s\p{P}\p{S}]/gu;

/** A text's bigrams (each its two UTF-16 units as one number), sorted, with their counts and the counts' sum. */
interface Bigrams {
  keys: Float64Array;
  counts: Int32Array;
  total: number;
}

/** Typed arrays, not a Map per text: the candidates' features are kept (below), and they are a third the size. */
function bigrams(text: string): Bigrams {
  const s = normalise(text).replace(FUNCTION_CHARS, '');
  const all = new Float64Array(Math.max(0, s.length - 1));
  for (let i = 0; i + 1 < s.length; i++) all[i] = s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) n++;
  const keys = new Float64Array(n);
  const counts = new Int32Array(n);
  for (let i = 0, k = -1; i < all.length; i++) {
    if (i === 0 || all[i] !== all[i - 1]) keys[++k] = all[i];
    counts[k]++;
  }
  return { keys, counts, total: all.length };
}

/** Twice the shared bigrams (each counted as often as the rarer side has it) over both totals: one merge of the sorted keys. */
function dice(a: Bigrams, b: Bigrams): number {
  let common = 0;
  for (let i = 0, j = 0; i < a.keys.length && j < b.keys.length; ) {
    if (a.keys[i] === b.keys[j]) common += Math.min(a.counts[i++], b.counts[j++]);
    else if (a.keys[i] < b.keys[j]) i++;
    else j++;
  }
  return a.total + b.total === 0 ? 0 : (2 * common) / (a.total + b.total);
}

const CN_DIGIT: Record<string, string> = { 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 十: '10' };

const NO_PLACES: ReadonlyMap<string, Set<string>> = new Map();

/** Place qualifiers by kind: numbers of floors, rooms and buildings; sides; boys' or girls'. */
function qualifiers(text: string): ReadonlyMap<string, Set<string>> {
  const s = normalise(text).slice(0, 2000);
  const out = new Map<string, Set<string>>();
  const add = (kind: string, v: string) => out.set(kind, (out.get(kind) ?? new Set()).add(v));
  for (const m of s.matchAll(/([0-9]{1,4}|[一二两三四五六七八九十])\s*(楼|层|号楼|栋|幢|号|室|寝室|宿舍|班)(?!梯|道)/g)) add(m[2] === '层' ? '楼' : m[2], CN_DIGIT[m[1]] ?? m[1]);
  for (const m of s.matchAll(/(?<![0-9])([0-9]{3,4})(?![0-9]|楼|层|年)/g)) add('室', m[1]);
  for (const m of s.matchAll(/(东南|东北|西南|西北|东|西|南|北)(?:侧|边|面|头|端|楼|门)/g)) add('side', m[1]);
  for (const m of s.matchAll(/(男|女)(?:生|厕|卫生间|宿舍|寝室)/g)) add('gender', m[1]);
  return out.size ? out : NO_PLACES;
}

/** Both name a place of the same kind, and not the same one. */
export function placesConflict(a: string, b: string): boolean {
  return conflicting(qualifiers(a), qualifiers(b));
}

function conflicting(qa: ReadonlyMap<string, Set<string>>, qb: ReadonlyMap<string, Set<string>>): boolean {
  for (const [kind, va] of qa) {
    const vb = qb.get(kind);
    if (vb && ![...va].some((v) => vb.has(v))) return true;
  }
  return false;
}

type Described = { description: string; location?: string | null };

/** What a text is compared by: its places (location text, when extracted, included) and its bigrams. */
const featuresOf = (t: Described) => ({ places: qualifiers(`${t.location ?? ''} ${t.description}`), bigrams: bigrams(t.description) });
type Features = ReturnType<typeof featuresOf>;

/**
 * The candidates' features, by hazard id and checked against the text: every report is compared with up to
 * DUPLICATE_CANDIDATES open hazards, mostly the same ones report after report, so their bigrams and places are worked
 * out once, not per pair. First in, first out; callers never change what it returns.
 */
const candidateFeatures = new Map<number, { description: string; location: string | null | undefined; f: Features }>();
function featuresOfCandidate(h: Described & { id: number }): Features {
  const hit = candidateFeatures.get(h.id);
  if (hit && hit.description === h.description && hit.location === h.location) return hit.f;
  const f = featuresOf(h);
  candidateFeatures.set(h.id, { description: h.description, location: h.location, f });
  if (candidateFeatures.size > 4096) candidateFeatures.delete(candidateFeatures.keys().next().value!);
  return f;
}

/** 0..1; 0 when the places conflict. Location text (when extracted) is part of each side. */
export function similarity(a: Described, b: Described): number {
  return similarityOf(featuresOf(a), featuresOf(b));
}

function similarityOf(a: Features, b: Features): number {
  if (conflicting(a.places, b.places)) return 0;
  return dice(a.bigrams, b.bigrams);
}

type Report = { area: string; item: string } & Described;
type Candidate = { area: string; itemCode: string } & Described;

/** The most similar open hazard of the same unit and item, if one is similar enough. */
export function isDuplicate(a: Report, b: Candidate): number {
  return duplicateScore(a, featuresOf(a), b, featuresOf(b));
}

function duplicateScore(a: Report, fa: Features, b: Candidate, fb: Features): number {
  if (a.area !== b.area) return 0;
  const s = similarityOf(fa, fb);
  return s >= (a.item === b.itemCode ? DUPLICATE_THRESHOLD : SAME_AREA_THRESHOLD) ? s : 0;
}

/** A report is compared with the newest open items of its unit and area within the window; never more than this. */
export const DUPLICATE_CANDIDATES = 100;

export async function findDuplicate(ds: DataSource, p: { unitId: number; area: string; item: string; description: string; location?: string | null; now: number }): Promise<HazardRow | null> {
  const room = hazards(ds);
  const rows = await room.duplicateCandidates(p.unitId, p.area, p.now - DUPLICATE_WINDOW_MS, DUPLICATE_CANDIDATES);
  let best: { id: number; s: number } | null = null;
  // The report's own features once, not per candidate.
  const fp = featuresOf(p);
  for (const h of rows) {
    const s = h.area === p.area ? duplicateScore(p, fp, h, featuresOfCandidate(h)) : 0;
    if (s > 0 && (!best || s > best.s)) best = { id: h.id, s };
  }
  return best ? room.byId(best.id) : null;
}
