/**
 * Folding the model's answer into the local result. The model only fills
 * classification fields, and only with values the catalogue or the report itself
 * vouch for; it can raise risk or add a suspected major, never take either away.
 */
import { maxRisk } from '../checklist/colours.js';
import { getItem, getMajorRule } from '../checklist/catalogue.js';
import type { Catalogue } from '../checklist/types.js';
import type { LlmAnswer } from './llm-answer.js';
import { majorFinding } from './local.js';
import { looksLikePlace } from './location.js';
import { adjustRisk } from './signals.js';
import { normalise } from './text.js';
import type { Classification } from './types.js';

export class UnknownItemError extends Error {
  constructor(code: string) {
    super(`model chose an item that is not in the catalogue: ${code.slice(0, 60)}`);
    this.name = 'UnknownItemError';
  }
}

/** The model's location only if it is a piece of the report and reads as a place (no invented or injected text). */
function acceptLocation(text: string, location: string | null | undefined): string | undefined {
  const value = location?.trim();
  if (!value || value.length > 40 || !looksLikePlace(value)) return undefined;
  return normalise(text).includes(normalise(value)) ? value : undefined;
}

export function mergeAnswer(text: string, local: Classification, answer: LlmAnswer, catalogue: Catalogue): Classification {
  const item = getItem(answer.item, catalogue);
  if (!item) throw new UnknownItemError(answer.item);

  let major = local.major;
  if (!major.flag && answer.majorRule) {
    const rule = getMajorRule(answer.majorRule, catalogue);
    // Not matched by our patterns: a person confirms before it is treated as certain.
    if (rule) major = { ...majorFinding(rule), suspected: true };
  }

  const floor = adjustRisk(item.risk, normalise(text), item.area);
  const risk = major.flag ? 'red' : maxRisk(floor, answer.risk);
  const location = acceptLocation(text, answer.location) ?? local.location;
  const agrees = item.code === local.item;
  const confidence = Math.round(Math.min(1, agrees ? Math.max(answer.confidence, local.confidence) : answer.confidence) * 100) / 100;

  return {
    area: item.area,
    item: item.code,
    risk,
    major,
    ...(location ? { location } : {}),
    confidence,
    source: 'llm',
    candidates: local.candidates,
    isHazardLike: local.major.flag || local.emergency !== undefined || answer.isHazard,
    ...(local.emergency ? { emergency: local.emergency } : {}),
  };
}
