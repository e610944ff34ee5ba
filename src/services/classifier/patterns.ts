/**
 * Concept patterns (AND of OR-groups, with exclusions) compiled once per pattern
 * list and matched by substring on normalised text. Used by major rules and by
 * item cues alike, so both read the same way in the catalogue.
 *
 * A term may contain `*`: a short gap of up to GAP characters inside one clause, so
 * 拉*线 covers 拉线, 拉了根线 and 拉了一根线 (Chinese puts aspect and measure words
 * between a verb and its object). A 没 in a term also covers 没有 (没反应 = 没有反应),
 * since teachers write both. Everything else is a plain substring.
 */
import type { RulePattern } from '../checklist/types.js';
import { normalise } from './text.js';

/** Widest gap a `*` bridges; punctuation ends a clause and is never bridged. */
export const GAP = 3;

type Term = string | RegExp;

interface CompiledPattern {
  all: Term[][];
  none: Term[];
}

const compiled = new WeakMap<RulePattern[], CompiledPattern[]>();

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compileTerm(raw: string): Term | undefined {
  const text = normalise(raw);
  if (!text || /^\*+$/.test(text)) return undefined;
  const bareNegation = /没(?!有)./.test(text);
  if (!text.includes('*') && !bareNegation) return text;
  const pieces = text.split('*').filter(Boolean).map((piece) => escape(piece).replace(/没(?!有)/g, '没有?'));
  return new RegExp(pieces.join(`[^，。,.!！?？;；:：、~～]{0,${GAP}}`));
}

function compileTerms(list: string[]): Term[] {
  return list.map(compileTerm).filter((t): t is Term => t !== undefined);
}

function compile(patterns: RulePattern[]): CompiledPattern[] {
  let list = compiled.get(patterns);
  if (!list) {
    list = patterns.map((p) => ({
      all: p.all.map(compileTerms).filter((group) => group.length > 0),
      none: compileTerms(p.none ?? []),
    }));
    compiled.set(patterns, list);
  }
  return list;
}

const has = (text: string, term: Term): boolean => (typeof term === 'string' ? text.includes(term) : term.test(text));

const NEGATION = /[没无未不缺]/;
/** Chars looked at before an exclusion for a negation (没有留, 并未设). */
const NEGATION_REACH = 3;

/** The negation-free occurrences of an exclusion; a clause boundary stops the look-back. */
function hasUnnegated(text: string, term: Term): boolean {
  const first = typeof term === 'string' ? term[0] : term.source[0];
  if (NEGATION.test(first)) return has(text, term);
  for (const at of occurrences(text, term)) {
    // '|' joins the glosses of an English report (english.ts): each is its own phrase.
    const before = text.slice(Math.max(0, at - NEGATION_REACH), at).split(/[，。,.!！?？;；:：、\s|]/).pop() ?? '';
    if (!NEGATION.test(before.replace(/不锈|无线|不同|无论/g, ''))) return true;
  }
  return false;
}

/** The global twin of each gapped term, compiled once. */
const globals = new WeakMap<RegExp, RegExp>();

/** Where a term starts in the text (a gapped term too: 「没通过消防验收」 negates 通过*消防验收). */
function* occurrences(text: string, term: Term): Generator<number> {
  if (typeof term === 'string') {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) yield at;
    return;
  }
  let global = globals.get(term);
  if (!global) globals.set(term, (global = new RegExp(term.source, 'g')));
  global.lastIndex = 0;
  for (let m = global.exec(text); m; m = global.exec(text)) {
    yield m.index;
    if (m[0].length === 0) global.lastIndex++;
  }
}

function matchesOne(text: string, pattern: CompiledPattern): boolean {
  if (pattern.all.length === 0) return false;
  // The substring groups first: most patterns fail there, and the exclusions' negation look-back costs far more.
  if (!pattern.all.every((group) => group.some((term) => has(text, term)))) return false;
  return !pattern.none.some((term) => hasUnnegated(text, term));
}

/** True when any of the patterns matches the already normalised text. */
export function anyPatternMatches(normalisedText: string, patterns: RulePattern[] | undefined): boolean {
  if (!patterns || patterns.length === 0) return false;
  return compile(patterns).some((p) => matchesOne(normalisedText, p));
}
