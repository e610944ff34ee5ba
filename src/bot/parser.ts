import { BARE_OK, CODE_FIRST, REWRITES, SLASHLESS_ENGLISH, TRAILING_PARTICLES } from './aliases';

/**
 * The one place that reads what a person typed as a command. Loose on purpose: the slash is optional for command
 * words (the dispatcher only reads messages addressed to the bot), the space before the argument too, full-width
 * letters, digits and signs count as half-width, and the argument keeps the case it was written in.
 * Linear in the text: a bounded prefix match against the word table, then anchored patterns on short strings.
 */
export interface ParsedCommand {
  /** The registered command word (an alias is left for the dispatcher's table; a rewrite is already applied). */
  word: string;
  args: string;
  slash: boolean;
  /** False when a slash came with a word nobody registered ("/xyz"): the dispatcher suggests the nearest. */
  known: boolean;
}

/** Resolves a word (name or alias, lower case) to its command's name, or undefined. */
export type CommandLookup = (word: string) => string | undefined;

const FULL_WIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0D\uFF1D\uFF20\uFF0F\uFF03\u3000]/g;

/** Full-width letters, digits, －＝＠／＃ and the ideographic space as their ASCII forms; other text untouched. */
export function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** "YH-2025-000123", "yh2025000123", "13", "000013", "#13": something that names a hazard. */
export const CODE_TOKEN = /^(?:YH-?\d{4}-?\d{1,9}|#?\d{1,9})$/i;

const SEPARATOR = /^[\s:：,，]/;
const ASCII_WORD = /^[a-z?]+$/;

let cachedWords: { source: string[]; sorted: string[] } | null = null;
function sortedWords(words: string[]): string[] {
  if (cachedWords?.source !== words) cachedWords = { source: words, sorted: [...new Set([...words, ...Object.keys(REWRITES)])].sort((a, b) => b.length - a.length) };
  return cachedWords.sorted;
}

/** ASCII-only lower-casing keeps every offset where it was, so the argument can be cut from the original. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * `words` are every registered name and alias (lower case). Returns null when the text is not a command (then it
 * may be a report or a question); a slash always makes it one.
 */
export function understand(text: string, words: string[], lookup: CommandLookup): ParsedCommand | null {
  const s = halfWidth(text).trim();
  const slash = s.startsWith('/');
  const body = slash ? s.slice(1).trimStart() : s;
  const lower = asciiLower(body.slice(0, 24));
  const word = sortedWords(words).find((w) => lower.startsWith(w) && !(ASCII_WORD.test(w) && /^[a-z]/.test(lower.slice(w.length))));
  if (!word) {
    if (!slash) return null;
    const typed = /^[^\s/]{1,20}/.exec(body)?.[0] ?? '';
    return { word: typed, args: body.slice(typed.length).trim(), slash, known: false };
  }
  const rewrite = REWRITES[word];
  const name = rewrite ? rewrite.to : (lookup(word) ?? word);
  // 「销号吧 13」: a particle between the word and its argument is not part of the argument.
  const rest = body.slice(word.length).replace(/^(?:吧|了|啊|呀)(?=\s)/, '');
  const bare = rest.trim() === '' || (rest.length <= 8 && TRAILING_PARTICLES.test(rest));
  const args = bare ? '' : rest.replace(/^[\s:：,，]+/, '').trim();
  const first = args.split(/\s+/, 1)[0] ?? '';
  if (!slash) {
    const codeFollows = CODE_TOKEN.test(first);
    if (ASCII_WORD.test(word) && !SLASHLESS_ENGLISH.has(word) && !(CODE_FIRST.has(name) && codeFollows)) return null;
    if (bare) {
      if (CODE_FIRST.has(name) && !BARE_OK.has(name) && !rewrite) return null;
    } else if (CODE_FIRST.has(name)) {
      if (!codeFollows) return null;
    } else if (!SEPARATOR.test(rest)) {
      return null;
    }
  }
  return { word: name, args: rewrite?.verdict ? withVerdict(args, rewrite.verdict) : args, slash, known: true };
}

/** 销号 YH-… → 验收 YH-… 通过; 销号 alone → 验收 通过 (the command finds the only item waiting for it). */
function withVerdict(args: string, verdict: string): string {
  const [first = '', ...rest] = args.split(/\s+/).filter(Boolean);
  if (!first) return verdict;
  if (!CODE_TOKEN.test(first)) return `${verdict} ${args}`;
  if (/^(?:不?通过|pass|fail)$/i.test(rest[0] ?? '')) return args;
  return [first, verdict, ...rest].join(' ');
}

/** Splits "/隐患 三楼…" into the command word and the rest; only with a slash. Kept for callers outside the dispatcher. */
export function parseCommand(text: string): { word: string; args: string } | null {
  const m = /^[/／]\s*([^\s/／]+)\s*([\s\S]*)$/.exec(text.trim());
  if (!m) return null;
  return { word: m[1].toLowerCase(), args: m[2].trim() };
}

/** Levenshtein distance, for "did you mean" suggestions on unknown commands. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** Splits arguments on whitespace, keeping "@张 三"-free tokens; full-width spaces count. */
export function tokens(args: string): string[] {
  return args.split(/[\s\u3000]+/).filter(Boolean);
}
