// Replies from the WeCom self-built app (自建应用): POST /cgi-bin/message/send (doc 90236) to the member who wrote,
// or /cgi-bin/appchat/send (doc 90248) into a chat the app created. Both take ?access_token= from WecomTokenCache;
// a token WeCom calls invalid or expired (40014 / 42001) is refetched once and the send retried.
import { createHash } from 'node:crypto';
import { fitUtf8 } from '../markdown';
import { classifyWecomErrcode, isTransientStatus, postJson, pushFailure, redactUrl, type PushResult } from '../push-result';
import { WECOM_TOKEN_ERRCODES, type WecomAppCredentials, type WecomTokenCache } from './app-token';

/** message/send and appchat/send: text and markdown content "最长不超过2048个字节" (docs 90236, 90248). */
export const WECOM_APP_TEXT_MAX_BYTES = 2048;
export const WECOM_APP_MARKDOWN_MAX_BYTES = 2048;
export const WECOM_APP_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

export type WecomAppMessage =
  | { type: 'text'; content: string }
  /** Rendered for the app (render/wecom-app.ts). */
  | { type: 'markdown'; content: string }
  | { type: 'image'; data: Buffer; mime: string };

export type WecomAppTarget = { kind: 'user'; userId: string } | { kind: 'appchat'; chatId: string };

export interface SendWecomAppOptions {
  apiBase: string;
  app: WecomAppCredentials & { agentId: number };
  tokens: WecomTokenCache;
  target: WecomAppTarget;
  message: WecomAppMessage;
  timeoutMs?: number;
}

function content(message: Exclude<WecomAppMessage, { type: 'image' }>): Record<string, unknown> {
  return message.type === 'text'
    ? { msgtype: 'text', text: { content: fitUtf8(message.content, WECOM_APP_TEXT_MAX_BYTES) } }
    : { msgtype: 'markdown', markdown: { content: fitUtf8(message.content, WECOM_APP_MARKDOWN_MAX_BYTES) } };
}

/** The JSON body WeCom expects; images travel as a media_id from media/upload. */
export function buildWecomAppBody(agentId: number, target: WecomAppTarget, msg: Record<string, unknown>): Record<string, unknown> {
  return target.kind === 'user' ? { touser: target.userId, agentid: agentId, ...msg, safe: 0 } : { chatid: target.chatId, ...msg, safe: 0 };
}

async function uploadImage(apiBase: string, token: string, image: { data: Buffer; mime: string }, timeoutMs?: number): Promise<{ ok: true; mediaId: string } | Exclude<PushResult, { ok: true }>> {
  const form = new FormData();
  const ext = image.mime.split('/')[1] ?? 'png';
  form.append('media', new Blob([new Uint8Array(image.data)], { type: image.mime }), `${createHash('md5').update(image.data).digest('hex')}.${ext}`);
  const url = `${apiBase}/cgi-bin/media/upload?access_token=${encodeURIComponent(token)}&type=image`;
  try {
    const res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs ?? 20_000) });
    const json: any = await res.json().catch(() => undefined);
    if (typeof json?.errcode === 'number' && json.errcode !== 0) {
      const f = classifyWecomErrcode(json.errcode, String(json.errmsg ?? ''), [token]);
      return f.ok ? pushFailure('BAD_RESPONSE', 'media/upload: no media_id', false) : f;
    }
    if (typeof json?.media_id !== 'string') return pushFailure(`HTTP_${res.status}`, `POST ${redactUrl(url)}: no media_id`, isTransientStatus(res.status));
    return { ok: true, mediaId: json.media_id };
  } catch (err: any) {
    return pushFailure(err?.name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK', `POST ${redactUrl(url)}: ${err?.cause?.code ?? err?.message}`, true);
  }
}

export async function sendWecomApp(opts: SendWecomAppOptions): Promise<PushResult> {
  const apiBase = opts.apiBase.replace(/\/+$/, '');
  const path = opts.target.kind === 'user' ? '/cgi-bin/message/send' : '/cgi-bin/appchat/send';
  if (opts.message.type === 'image' && opts.message.data.length > WECOM_APP_IMAGE_MAX_BYTES) {
    return pushFailure('TOO_LARGE', `image is ${opts.message.data.length} B, WeCom accepts ≤ ${WECOM_APP_IMAGE_MAX_BYTES} B`, false);
  }
  for (let attempt = 0; ; attempt++) {
    const token = await opts.tokens.get(opts.app);
    if (!token.ok) return token;
    let msg: Record<string, unknown>;
    if (opts.message.type === 'image') {
      const up = await uploadImage(apiBase, token.token, opts.message, opts.timeoutMs);
      if (!up.ok) {
        if (WECOM_TOKEN_ERRCODES.has(Number(up.code)) && attempt === 0) {
          opts.tokens.invalidate(opts.app, token.token);
          continue;
        }
        return up;
      }
      msg = { msgtype: 'image', image: { media_id: up.mediaId } };
    } else {
      msg = content(opts.message);
    }
    const url = `${apiBase}${path}?access_token=${encodeURIComponent(token.token)}`;
    const out = await postJson(url, buildWecomAppBody(opts.app.agentId, opts.target, msg), { timeoutMs: opts.timeoutMs, secrets: [token.token] });
    if (!out.ok) return out.failure;
    const body = out.response.json as { errcode?: unknown; errmsg?: unknown } | undefined;
    if (typeof body?.errcode !== 'number') {
      const status = out.response.status;
      return pushFailure(`HTTP_${status}`, `POST ${redactUrl(url)}: HTTP ${status} without errcode`, isTransientStatus(status));
    }
    if (WECOM_TOKEN_ERRCODES.has(body.errcode) && attempt === 0) {
      opts.tokens.invalidate(opts.app, token.token);
      continue;
    }
    return classifyWecomErrcode(body.errcode, typeof body.errmsg === 'string' ? body.errmsg : '', [token.token]);
  }
}
