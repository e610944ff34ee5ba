// One renderer per place a message can land. Services write the neutral dialect of ../markdown.ts; the route
// picks the target, and the target decides what survives (tables, colours, line breaks) and how long it may be.
// The limits are the platforms' (UTF-8 bytes unless said otherwise); every renderer's output fits its own.
import { fitUtf8, markdownToPlain, renderFonts, renderMarkdown, TRUNCATION_HINT, utf8Bytes } from '../markdown';

export type RenderTarget =
  /** 智能机器人 markdown (response_url, stream, long connection; doc 101138): tables yes, <font> no. */
  | 'wecom_aibot'
  /** 群机器人 webhook `markdown` (doc 99110): <font color="info|comment|warning"> yes, tables no. */
  | 'wecom_webhook'
  /** 自建应用 message/send and appchat/send `markdown` (docs 90236, 90248): the webhook subset, 2048 bytes. */
  | 'wecom_app'
  /** 自建应用 `text`, for clients without markdown (the 微信 plugin) and messages without markup. */
  | 'wecom_app_text'
  /** DingTalk groupMessages/send sampleMarkdown and the custom robot (dingtalk.md §3–4). */
  | 'dingtalk'
  /** DingTalk sessionWebhook replies: the same markdown, but cut near 3 800 characters (dingtalk.md §6). */
  | 'dingtalk_session'
  | 'local';

export interface TargetSpec {
  maxBytes: number;
  /** Character limit where the platform counts characters instead of bytes. */
  maxChars?: number;
  tables: boolean;
  fontColor: boolean;
}

export const TARGETS: Readonly<Record<RenderTarget, TargetSpec>> = {
  wecom_aibot: { maxBytes: 20_480, tables: true, fontColor: false },
  wecom_webhook: { maxBytes: 4096, tables: false, fontColor: true },
  wecom_app: { maxBytes: 2048, tables: false, fontColor: true },
  wecom_app_text: { maxBytes: 2048, tables: false, fontColor: false },
  dingtalk: { maxBytes: 15_000, tables: false, fontColor: false },
  dingtalk_session: { maxBytes: 15_000, maxChars: 3800, tables: false, fontColor: false },
  local: { maxBytes: 1_000_000, tables: true, fontColor: false },
};

const TABLE_ROW = /^\s*\|.*\|\s*$/;

/** The 智能机器人 renders GitHub tables: keep them, make colours bold (grey stays plain), keep single line breaks. */
function renderAibot(input: string): string {
  const lines = input.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t]+$/, '').replace(/^(#{1,6})(?=[^#\s])/, '$1 '));
  // A table needs a blank line before it, or the renderer reads it as part of the paragraph above.
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (TABLE_ROW.test(line) && i > 0 && !TABLE_ROW.test(lines[i - 1]) && lines[i - 1].trim() !== '') out.push('');
    out.push(line);
  }
  return renderFonts(out.join('\n'), 'dingtalk').replace(/\n{3,}/g, '\n\n').trim();
}

function fitChars(text: string, maxChars: number): string {
  const chars = [...text];
  if (chars.length <= maxChars) return text;
  return `${chars.slice(0, maxChars - TRUNCATION_HINT.length - 1).join('')}…${TRUNCATION_HINT}`;
}

/** Neutral markdown → what `target` shows, within its limit. */
export function renderFor(target: RenderTarget, input: string): string {
  const spec = TARGETS[target];
  let out: string;
  switch (target) {
    case 'wecom_aibot':
      out = renderAibot(input);
      break;
    case 'wecom_webhook':
    case 'wecom_app':
      out = renderMarkdown(input, 'wecom');
      break;
    case 'wecom_app_text':
      out = markdownToPlain(input);
      break;
    case 'dingtalk':
    case 'dingtalk_session':
      out = renderMarkdown(input, 'dingtalk');
      break;
    case 'local':
      out = renderMarkdown(input, 'local');
      break;
  }
  if (spec.maxChars) out = fitChars(out, spec.maxChars);
  return fitUtf8(out, spec.maxBytes);
}

/** Does this neutral markdown use any markup at all? Plain messages go out as `text` where that is safer. */
export function hasMarkup(input: string): boolean {
  return /(^|\n)\s*(#{1,6}\s|>|- |\|)|\*\*|<font\s|\[[^\]]+\]\([^)]+\)/.test(input);
}

/** For tests and docs: does `rendered` respect `target`'s rules? */
export function fitsTarget(target: RenderTarget, rendered: string): boolean {
  const spec = TARGETS[target];
  if (utf8Bytes(rendered) > spec.maxBytes) return false;
  if (spec.maxChars && [...rendered].length > spec.maxChars) return false;
  if (!spec.fontColor && /<font\s/i.test(rendered)) return false;
  if (!spec.tables && rendered.split('\n').some((l) => TABLE_ROW.test(l))) return false;
  return true;
}

