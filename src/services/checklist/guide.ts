/**
 * Reading the guide's rules for people: which article a rule rests on, in the words a card can show.
 */
import { combinedRules, GUIDE_AREA_NAMES, ruleMeta } from './data/rule-sources.js';
import type { CombinedRule, RuleMeta, RuleSource } from './types.js';

export { combinedRules, GUIDE_AREA_NAMES, ruleMeta };

export function metaOf(code: string): RuleMeta | undefined {
  return ruleMeta[code];
}

export function combinedRule(code: string): CombinedRule | undefined {
  return combinedRules.find((rule) => rule.code === code);
}

/** 《指南》第三条（一）第6项 · 《校车安全管理条例》第三十四条: document shortened for a card line. */
export function sourceLabel(source: RuleSource): string {
  const doc = source.document.replace(/（[^）]*）$/, '').replace('《教育系统重大事故隐患判定指南》', '《判定指南》');
  const article = source.article === '—' ? '' : source.article;
  return `${doc}${article}${source.item ?? ''}`;
}

/** The article a rule code rests on, or undefined for a code without metadata (a school's own rule). */
export function articleOf(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  const source = ruleMeta[code]?.source ?? combinedRule(code)?.source;
  return source ? sourceLabel(source) : undefined;
}
