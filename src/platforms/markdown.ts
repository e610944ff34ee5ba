// Services write one neutral markdown dialect: `#` headings, **bold**, `> quote`, `[text](url)`, `- ` lines
// and `<font color="warning|info|comment">x</font>` for emphasis. This module renders it for each platform
// and keeps it inside the platforms' byte limits (limits are UTF-8 bytes, wecom.md §6.3).

import { font, type FontColor } from '../services/markdown';

export type MarkdownTarget = 'wecom' | 'dingtalk' | 'local';
/** Writing the dialect lives with the services (src/services/markdown.ts); re-exported for the adapters. */
export { font, type FontColor };

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Longest prefix of `text` that fits `maxBytes`, cut on a code-point boundary (never half a character). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  if (utf8Bytes(text) <= maxBytes) return text;
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const n = utf8Bytes(ch);
    if (used + n > maxBytes) break;
    used += n;
    end += ch.length;
  }
  return text.slice(0, end);
}

export const TRUNCATION_HINT = '\n（内容过长，已截断）';

/**
 * `text` unchanged if it fits, else a prefix + "…" + hint that fits `maxBytes`. Avoids leaving a half tag,
 * an unclosed <font> or an odd `**` at the cut, which the clients would show as raw markup.
 */
export function fitUtf8(text: string, maxBytes: number, hint = TRUNCATION_HINT): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const tail = `…${hint}`;
  let head = truncateUtf8(text, maxBytes - utf8Bytes(tail));
  head = dropBrokenMarkup(head);
  return head + tail;
}

function dropBrokenMarkup(head: string): string {
  let out = head;
  const lastLt = out.lastIndexOf('<');
  if (lastLt > out.lastIndexOf('>')) out = out.slice(0, lastLt); // half a tag: "<font col"
  // An opened but unclosed <font …>: drop the tag, keep its text.
  out = out.replace(/<font\s[^>]*>(?![\s\S]*<\/font>)/, '');
  const lineStart = out.lastIndexOf('\n') + 1;
  const lastLine = out.slice(lineStart);
  if ((lastLine.match(/\*\*/g) ?? []).length % 2 === 1) {
    const at = lineStart + lastLine.lastIndexOf('**');
    out = out.slice(0, at) + out.slice(at + 2); // unmatched bold marker: drop the marker, keep the text
  }
  return out.replace(/[ \t]+$/, '');
}

const FONT_RE = /<font\s+color\s*=\s*["']?([#\w-]+)["']?\s*>([\s\S]*?)<\/font>/gi;

/** Map any colour a caller might write onto WeCom's three named colours. */
export function normalizeFontColor(color: string): FontColor {
  const c = color.toLowerCase();
  if (c === 'info' || c === 'green') return 'info';
  if (c === 'comment' || c === 'gray' || c === 'grey') return 'comment';
  return 'warning';
}

/** Neither client renders tables (wecom.md §5.1, dingtalk.md §6): turn rows into "a · b" lines. */
export function flattenTables(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s*\|.*\|\s*$/.test(line)) {
      if (/^\s*\|?[\s:|-]+\|?\s*$/.test(line) && line.includes('-')) continue; // |---|---|
      const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      out.push(cells.filter(Boolean).join(' · '));
    } else {
      out.push(line);
    }
  }
  return out;
}

export function renderFonts(text: string, target: MarkdownTarget): string {
  return text.replace(FONT_RE, (_whole: string, color: string, inner: string, offset: number, all: string) => {
    const c = normalizeFontColor(color);
    if (target === 'wecom') return font(c, inner);
    if (target === 'local' || c === 'comment') return inner; // grey = de-emphasis: bold would invert it
    // DingTalk has no colours: emphasise with bold, unless already inside bold (nested ** breaks it).
    const lineBefore = all.slice(all.lastIndexOf('\n', offset - 1) + 1, offset);
    const insideBold = (lineBefore.match(/\*\*/g) ?? []).length % 2 === 1;
    return insideBold || /^\*\*[\s\S]*\*\*$/.test(inner) ? inner : `**${inner}**`;
  });
}

/**
 * Render neutral markdown for a platform.
 * - wecom: single "\n" line breaks work; fonts normalised to info|comment|warning.
 * - dingtalk: fonts → bold (comment → plain); every line becomes its own paragraph ("\n\n"), because a
 *   single "\n" is swallowed by DingTalk's renderer (dingtalk.md §6).
 * - local: fonts stripped, markdown kept (console / test adapter).
 */
export function renderMarkdown(input: string, target: MarkdownTarget): string {
  const lines = flattenTables(input.replace(/\r\n?/g, '\n').split('\n'))
    .map((l) => l.replace(/[ \t]+$/, '').replace(/^(#{1,6})(?=[^#\s])/, '$1 '));
  const body = renderFonts(lines.join('\n'), target);
  if (target === 'dingtalk') {
    return body.split('\n').filter((l) => l.trim() !== '').join('\n\n');
  }
  return body.replace(/\n{3,}/g, '\n\n').trim();
}

/** Plain text (for WeCom `text` messages and DingTalk `sampleText`): markup removed, links kept readable. */
export function markdownToPlain(input: string): string {
  return renderMarkdown(input, 'local')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*([\s\S]*?)\*\*/g, '$1')
    .replace(/^>\s?/gm, '')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 $2')
    // Plain text has no markup to protect: a backslash escape shows the character itself (「B\_1」 → 「B_1」).
    .replace(/\\([\\`*_#>[\]<@!()~|-])/g, '$1');
}
