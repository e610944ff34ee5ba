/**
 * Concept patterns (AND of OR-groups, with exclusions) compiled once per pattern
 * list and matched by substring on normalised text. Used by major rules and by
 * item cues alike, so both read the same way in the catalogue.
 */
import type { RulePattern } from '../checklist/types.js';
import { normalise } from './text.js';

interface CompiledPattern {
  all: string[][];
  none: string[];
}

const compiled = new WeakMap<RulePattern[], CompiledPattern[]>();

function compile(patterns: RulePattern[]): CompiledPattern[] {
  let list = compiled.get(patterns);
  if (!list) {
    list = patterns.map((p) => ({
      all: p.all.map((group) => group.map(normalise).filter(Boolean)).filter((group) => group.length > 0),
      none: (p.none ?? []).map(normalise).filter(Boolean),
    }));
    compiled.set(patterns, list);
  }
  return list;
}

function matchesOne(text: string, pattern: CompiledPattern): boolean {
  if (pattern.all.length === 0) return false;
  if (pattern.none.some((term) => text.includes(term))) return false;
  return pattern.all.every((group) => group.some((term) => text.includes(term)));
}

/** True when any of the patterns matches the already normalised text. */
export function anyPatternMatches(normalisedText: string, patterns: RulePattern[] | undefined): boolean {
  if (!patterns || patterns.length === 0) return false;
  return compile(patterns).some((p) => matchesOne(normalisedText, p));
}
