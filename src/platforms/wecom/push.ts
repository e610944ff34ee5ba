// Outbound WeCom pushes: the group robot webhook (消息推送, scheduled reminders) and the 智能机器人
// response_url (one-shot async reply). Protocol: shared/docs/platforms/wecom.md §4 and §5.1.
import { createHash } from 'node:crypto';
import { fitUtf8, utf8Bytes } from '../markdown';
import {
  classifyWecomErrcode,
  isTransientStatus,
  postJson,
  pushFailure,
  redactUrl,
  type PushResult,
} from '../push-result';

export const WECOM_API_BASE = 'https://qyapi.weixin.qq.com';
export const WECOM_TEXT_MAX_BYTES = 2048;
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
export const WECOM_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const WECOM_RESPONSE_URL_MAX_BYTES = 20480;

export type WecomWebhookMessage =
  | {
      type: 'text';
      content: string;
      /** Mobiles to @, or '@all'. */
      mentionedMobiles?: string[];
      /** WeCom userids to @, or '@all'. */
      mentionedUserIds?: string[];
    }
  /** Content already rendered with renderMarkdown(…, 'wecom'). */
  | { type: 'markdown'; content: string }
  | { type: 'image'; png: Buffer };

export interface SendWecomWebhookOptions {
  /** Defaults to WECOM_API_BASE; tests point it at a local fake server. */
  apiBase?: string;
  /** The group's webhook key: a credential (anyone holding it can post into the group). */
  key: string;
  message: WecomWebhookMessage;
  timeoutMs?: number;
}

/** Build the webhook JSON body; over-long text/markdown is truncated, never rejected. */
export function buildWecomWebhookBody(message: WecomWebhookMessage): Record<string, unknown> {
  switch (message.type) {
    case 'text': {
      const text: Record<string, unknown> = { content: fitUtf8(message.content, WECOM_TEXT_MAX_BYTES) };
      if (message.mentionedUserIds?.length) text.mentioned_list = message.mentionedUserIds;
      if (message.mentionedMobiles?.length) text.mentioned_mobile_list = message.mentionedMobiles;
      return { msgtype: 'text', text };
    }
    case 'markdown':
      return { msgtype: 'markdown', markdown: { content: fitUtf8(message.content, WECOM_MARKDOWN_MAX_BYTES) } };
    case 'image':
      // md5 is of the raw image bytes, not of the base64 text.
      return {
        msgtype: 'image',
        image: { base64: message.png.toString('base64'), md5: createHash('md5').update(message.png).digest('hex') },
      };
  }
}

/** Interpret a WeCom answer: HTTP 200 does not mean success, `errcode` does (wecom.md §5.1). */
function readWecomAnswer(status: number, json: unknown, where: string, secrets: string[]): PushResult {
  const body = json as { errcode?: unknown; errmsg?: unknown } | undefined;
  if (typeof body?.errcode === 'number') {
    return classifyWecomErrcode(body.errcode, typeof body.errmsg === 'string' ? body.errmsg : '', secrets);
  }
  if (status < 200 || status >= 300) {
    return pushFailure(`HTTP_${status}`, `${where}: HTTP ${status}`, isTransientStatus(status));
  }
  // 2xx without errcode: not WeCom (a proxy page?). Not retried: the message may have been delivered.
  return pushFailure('BAD_RESPONSE', `${where}: HTTP ${status} without errcode`, false);
}

export async function sendWecomWebhook(opts: SendWecomWebhookOptions): Promise<PushResult> {
  const { apiBase = WECOM_API_BASE, key, message, timeoutMs } = opts;
  if (message.type === 'image' && message.png.length > WECOM_IMAGE_MAX_BYTES) {
    return pushFailure('TOO_LARGE', `image is ${message.png.length} B, WeCom accepts ≤ ${WECOM_IMAGE_MAX_BYTES} B`, false);
  }
  const url = `${apiBase.replace(/\/+$/, '')}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
  const secrets = [key];
  const out = await postJson(url, buildWecomWebhookBody(message), { timeoutMs, secrets });
  if (!out.ok) return out.failure;
  return readWecomAnswer(out.response.status, out.response.json, `POST ${redactUrl(url)}`, secrets);
}

/**
 * Reply through a 智能机器人 `response_url` (usable once, valid 1 h; wecom.md §4). The URL carries a
 * response_code, so it is treated as a secret too.
 */
export async function sendWecomResponseUrl(
  url: string,
  markdown: string,
  /** templateCard: sent instead of the markdown (response_url takes template_card in single chats only, wecom.md §4). */
  opts: { timeoutMs?: number; templateCard?: Record<string, unknown> } = {},
): Promise<PushResult> {
  let secrets: string[];
  try {
    secrets = [new URL(url).searchParams.get('response_code') ?? ''];
  } catch {
    return pushFailure('BAD_URL', `invalid response_url ${redactUrl(url)}`, false);
  }
  const body = opts.templateCard
    ? { msgtype: 'template_card', template_card: opts.templateCard }
    : { msgtype: 'markdown', markdown: { content: fitUtf8(markdown, WECOM_RESPONSE_URL_MAX_BYTES) } };
  const out = await postJson(url, body, { timeoutMs: opts.timeoutMs, secrets });
  if (!out.ok) return out.failure;
  return readWecomAnswer(out.response.status, out.response.json, `POST ${redactUrl(url)}`, secrets);
}

/** For callers that want to check a draft before sending. */
export function wecomFits(message: WecomWebhookMessage): boolean {
  if (message.type === 'image') return message.png.length <= WECOM_IMAGE_MAX_BYTES;
  const max = message.type === 'text' ? WECOM_TEXT_MAX_BYTES : WECOM_MARKDOWN_MAX_BYTES;
  return utf8Bytes(message.content) <= max;
}
