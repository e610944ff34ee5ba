/**
 * Concept patterns as one line of text, for spreadsheet cells a safety officer edits:
 *   电动车|电瓶车 + 进楼|楼道|寝室 排除：车棚|楼下
 * `+` joins groups that must all appear, `|` separates alternatives, text after
 * 排除： lists terms that cancel the match. One pattern per line. Inside a term, `*`
 * stands for a short gap (拉*线 matches 拉了一根线).
 */
import type { RulePattern } from './types.js';

const SPLIT_ALT = /[|｜]/;
const SPLIT_GROUP = /[+＋]/;
const EXCLUDE = /排除[:：]/;

function terms(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((t) => t.trim())
    .filter(Boolean);
}

export function formatPatterns(patterns: RulePattern[] | undefined): string {
  return (patterns ?? [])
    .map((p) => {
      const positive = p.all.map((group) => group.join('|')).join(' + ');
      return p.none && p.none.length > 0 ? `${positive} 排除：${p.none.join('|')}` : positive;
    })
    .join('\n');
}

/** Parses the cell text; throws with a Chinese message naming what is wrong. */
export function parsePatterns(text: string): RulePattern[] {
  const patterns: RulePattern[] = [];
  for (const line of text.split(/\r?\n|[;；]/).map((l) => l.trim()).filter(Boolean)) {
    const [positive, ...rest] = line.split(EXCLUDE);
    if (rest.length > 1) throw new Error(`匹配条件「${line}」里"排除："只能出现一次`);
    const all = positive.split(SPLIT_GROUP).map((group) => terms(group, SPLIT_ALT));
    if (all.length === 0 || all.some((group) => group.length === 0)) {
      throw new Error(`匹配条件「${line}」格式不对，应写成：词1|词2 + 词3|词4 排除：词5`);
    }
    const none = rest.length === 1 ? terms(rest[0], SPLIT_ALT) : [];
    patterns.push(none.length > 0 ? { all, none } : { all });
  }
  return patterns;
}
