/**
 * Explicit check of the catalogue's 重大事故隐患 rules. Deterministic and independent
 * of the ranking, so a major hazard is caught even when the wording ranks another
 * item first.
 */
import type { Catalogue, MajorRule } from '../checklist/types.js';
import { derivedFacts, readValidityDates } from './facts.js';
import { anyPatternMatches } from './patterns.js';
import { laterWorryAt, reportsNothingOpen } from './not-open.js';

/**
 * Rules whose any pattern matches the (already normalised) text, in catalogue order. Numbers over a criterion's
 * limit (核载19座 with 27 aboard) are read first as the words the rules look for (facts.ts). An earlier hazard since
 * dealt with, or a question about another school's accident, matches none (signals.ts).
 */
export function matchMajorRules(normalisedText: string, catalogue: Catalogue, now: Date = new Date()): MajorRule[] {
  if (reportsNothingOpen(normalisedText)) return [];
  const worry = laterWorryAt(normalisedText);
  if (worry >= 0) return matchMajorRules(normalisedText.slice(0, worry), catalogue, now);
  const matched = rulesIn(normalisedText, catalogue, now);
  if (matched.length) return matched;
  // 「校门减速带已补好；但送水的货车从正门直接开进来…」: what follows the contrast is the report, and an all-clear word
  // before it (减速带, 已补好) speaks of something else. The part after it is read on its own.
  const contrast = CONTRAST.exec(normalisedText);
  const rest = contrast ? normalisedText.slice(contrast.index + contrast[0].length) : '';
  if (rest.length < MIN_CONTRAST_REST || reportsNothingOpen(rest)) return [];
  return rulesIn(rest, catalogue, now);
}

/** The rules whose patterns match the text with its facts read. Dates are read against `now` (a licence valid to last month has lapsed); tests pass a fixed one. */
function rulesIn(normalised: string, catalogue: Catalogue, now: Date): MajorRule[] {
  const text = readValidityDates(normalised, now) + derivedFacts(normalised, now);
  return catalogue.majorRules.filter((rule) => anyPatternMatches(text, rule.patterns));
}

/** 「…已修好；但…」: the contrast that starts the report proper, after a clause boundary. */
const CONTRAST = /[，,；;。](?:但是?|可是|不过)/;
/** A shorter rest (「但还没修」) says too little to be read alone. */
const MIN_CONTRAST_REST = 10;

/**
 * The rule to report when several match: a 《指南》 criterion beats a red line (it is
 * certain, not suspected), then the one whose item ranks best for this text.
 */
export function pickRule(matched: MajorRule[], itemRank: (code: string) => number): MajorRule | undefined {
  return [...matched].sort((a, b) => {
    if (a.suspected !== b.suspected) return a.suspected ? 1 : -1;
    return itemRank(a.item) - itemRank(b.item);
  })[0];
}
