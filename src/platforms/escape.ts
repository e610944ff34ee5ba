// The one place user-supplied strings (unit names typed in a command, nicknames, descriptions, reasons) are made
// inert before they reach a reply or a push. Replies are composed in the neutral markdown dialect
// (src/platforms/markdown.ts) and rendered for WeCom, DingTalk or the sandbox later, so the default target is
// 'any': what is inert on every platform. Characters that would act are replaced by full-width look-alikes, which
// read the same to a person and mean nothing to a markdown renderer (neither client honours backslash escapes
// reliably).
import type { MarkdownTarget } from './markdown';

export type EscapeTarget = MarkdownTarget | 'any';

/** Bidi overrides/isolates and marks (a nickname with U+202E shows as someone else), zero-width characters, BOM. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff\u00ad]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Markdown and mention syntax of each platform: links `[x](y)`, `<@userid>`, `<font>`, `**`, headings, quotes. */
const ACTIVE: Record<Exclude<EscapeTarget, 'any'>, Record<string, string>> = {
  // WeCom markdown: links, <@userid> mentions, <font>, **, `, >, # (wecom.md §5.1); text messages: @all via lists only.
  wecom: { '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '*': '＊', '`': 'ˋ', '@': '＠', '#': '＃' },
  // DingTalk markdown: links, images, **, #, >, _ / ~ emphasis; "@<mobile>" in text plus at.atMobiles mentions.
  dingtalk: { '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '*': '＊', '`': 'ˋ', '@': '＠', '#': '＃', '!': '！', '_': '＿', '~': '～' },
  // The sandbox page renders the neutral dialect like the platforms do.
  local: { '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '*': '＊', '`': 'ˋ', '@': '＠', '#': '＃' },
};
const ANY: Record<string, string> = { ...ACTIVE.wecom, ...ACTIVE.dingtalk, ...ACTIVE.local };
const classOf = (map: Record<string, string>) => new RegExp(`[${Object.keys(map).map((c) => `\\${c}`).join('')}]`, 'g');
const TARGETS: [EscapeTarget, Record<string, string>][] = [['wecom', ACTIVE.wecom], ['dingtalk', ACTIVE.dingtalk], ['local', ACTIVE.local], ['any', ANY]];
const PATTERNS = new Map(TARGETS.map(([t, map]) => [t, { re: classOf(map), map }]));

/**
 * Makes `s` inert for `target`: no link, image, mention (@all, <@id>), formatting, heading, quote or line break
 * survives, bidi and invisible characters are dropped, bare URLs are defanged (clients auto-link them), and the
 * result is at most `max` characters (… when cut). Linear in the input; the input is cut before it is scanned.
 */
export function escapeFor(target: EscapeTarget, s: string, max = 200): string {
  const input = String(s ?? '').slice(0, max * 2 + 16);
  const { re, map } = PATTERNS.get(target)!;
  let t = input
    .replace(INVISIBLE, '')
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(CONTROL, '')
    .replace(/\b(https?|ftp|file|dingtalk|wxwork|javascript|data):\/*/gi, (_m, scheme: string) => `${scheme}：`)
    .replace(/www\./gi, 'www．')
    // Clients auto-link bare domains (evil.example/login): the dot before a top-level-looking label is made full-width.
    .replace(/([A-Za-z0-9-])\.(?=[A-Za-z]{2,})/g, '$1．')
    .replace(re, (c) => map[c] ?? c);
  const chars = [...t];
  if (chars.length > max) t = `${chars.slice(0, max).join('')}…`;
  return t;
}

/** For a reply or push whose platform is decided at delivery: inert on every platform. */
export const echo = (s: string, max = 200): string => escapeFor('any', s, max);
