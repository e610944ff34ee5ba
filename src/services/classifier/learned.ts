/**
 * A second opinion on "is this a major hazard?", learned from the labelled reports rather than written as rules.
 *
 * A logistic regression over the same features the ranking uses (jieba words, bigrams, characters: text.ts), hashed
 * into 2^16 weights, stored as bytes with one scale (64 KB). It is trained by `npm run train:major` on the blind-written labelled sets (test/fixtures/
 * hazards-majors-*.jsonl, written to the criteria in docs/major-rules.md) and stored in major-model.json; a test
 * retrains it and checks the stored weights are that result, so the file cannot drift from the data.
 *
 * It never decides alone (local.ts): a rule match it finds very unlikely is demoted to a hint for the 安全员, and a
 * report no rule matched that it finds very likely is raised as 疑似重大 under the rule of the report's own item, for
 * a person to confirm. How much that helps is measured on batches nobody trained or tuned on (docs/major-hazards.md).
 */
import { features } from './text.js';
import stored from './major-model.json' with { type: 'json' };

export interface MajorModel {
  bits: number;
  bias: number;
  /** Trained weights as floats, or the stored ones as signed bytes times `scale`. */
  weights: Float32Array | Int8Array;
  scale: number;
}

export interface LabelledText {
  text: string;
  major: boolean;
}

/** Training settings: fixed, so a retrain on the same rows gives the same weights. */
export const TRAINING = { bits: 16, epochs: 15, rate: 0.1, l2: 1e-5 } as const;

/** FNV-1a, 32-bit: a feature key to its slot. */
function slot(key: string, bits: number): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i += 1) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) & ((1 << bits) - 1);
}

function hashed(normalised: string, bits: number): [number, number][] {
  return [...features(normalised)].map(([key, weight]) => [slot(key, bits), weight]);
}

function score(model: MajorModel, x: [number, number][]): number {
  let z = 0;
  for (const [k, v] of x) z += model.weights[k] * v;
  return 1 / (1 + Math.exp(-(model.bias + z * model.scale)));
}

/** Plain SGD over the rows in the order given (callers sort them), TRAINING's settings. */
export function trainMajorModel(rows: readonly LabelledText[], normalise: (text: string) => string): MajorModel {
  const { bits, epochs, rate, l2 } = TRAINING;
  const weights = new Float32Array(1 << bits);
  const model: MajorModel = { bits, bias: 0, weights, scale: 1 };
  const xs = rows.map((row) => hashed(normalise(row.text), bits));
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    rows.forEach((row, i) => {
      const gradient = score(model, xs[i]) - (row.major ? 1 : 0);
      model.bias -= rate * gradient;
      for (const [k, v] of xs[i]) weights[k] -= rate * (gradient * v + l2 * weights[k]);
    });
  }
  return model;
}

export interface StoredModel {
  bits: number;
  bias: number;
  scale: number;
  /** Signed bytes, base64. */
  weights: string;
}

/** The trained floats as signed bytes with one scale (the largest weight is ±127): a quarter of the size, same ranking. */
export function encodeModel(model: MajorModel): StoredModel {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w * model.scale));
  max ||= 1;
  const scale = max / 127;
  const bytes = Int8Array.from(model.weights, (w) => Math.round((w * model.scale) / scale));
  return { bits: model.bits, bias: model.bias, scale, weights: Buffer.from(bytes.buffer).toString('base64') };
}

export function decodeModel(json: StoredModel): MajorModel {
  const bytes = Buffer.from(json.weights, 'base64');
  const weights = new Int8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  if (weights.length !== 1 << json.bits) throw new Error(`major-model.json: ${weights.length} weights, expected ${1 << json.bits}`);
  return { bits: json.bits, bias: json.bias, scale: json.scale, weights };
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Each rule's example and near-miss sentences as feature maps, built on first use. */
const sentenceFeatures = new Map<string, Map<string, number>[]>();

function featuresOf(key: string, sentences: readonly string[], normalise: (text: string) => string): Map<string, number>[] {
  let list = sentenceFeatures.get(key);
  if (!list) sentenceFeatures.set(key, (list = sentences.map((s) => features(normalise(s)))));
  return list;
}

export interface RuleSentences {
  code: string;
  examples: readonly string[];
  nearMisses: readonly string[];
}

/**
 * Of the candidate rules, the one whose own example sentences the report resembles most, provided it resembles one
 * of them at least `min` (cosine over the ranking's features) and more than any of that rule's near misses. A raise
 * cites the guide article the report is actually like, or none: 「砧板没有分生熟」 is not 「鼠药与食品混放」.
 */
export function closestRule<R extends RuleSentences>(
  normalised: string,
  rules: readonly R[],
  normalise: (text: string) => string,
  min: number,
  report: Map<string, number> = features(normalised),
): R | undefined {
  let best: { rule: R; similarity: number } | undefined;
  for (const rule of rules) {
    const like = Math.max(0, ...featuresOf(`${rule.code}:e`, rule.examples, normalise).map((f) => cosine(report, f)));
    const unlike = Math.max(0, ...featuresOf(`${rule.code}:n`, rule.nearMisses, normalise).map((f) => cosine(report, f)));
    if (like >= min && like > unlike && (!best || like > best.similarity)) best = { rule, similarity: like };
  }
  return best?.rule;
}

let loaded: MajorModel | undefined;

/** The stored model, decoded once on first use (64 KB). */
export function storedModel(): MajorModel {
  loaded ??= decodeModel(stored as StoredModel);
  return loaded;
}

/** Probability (0..1) that the normalised report names a major hazard, by the stored model. */
export function majorProbability(normalised: string, model: MajorModel = storedModel(), query: Map<string, number> = features(normalised)): number {
  return score(model, [...query].map(([key, weight]) => [slot(key, model.bits), weight]));
}
