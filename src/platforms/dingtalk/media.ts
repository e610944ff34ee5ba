// Pictures into a DingTalk group without a public address: upload the bytes as DingTalk media
// (POST {oapi}/media/upload?access_token=…&type=image, multipart field `media` → {errcode:0, media_id}) and send the
// media id as the group message's picture (sampleImageMsg {photoURL: media_id}). The alternative, a markdown image
// pointing at our /media link, only shows when PUBLIC_BASE_URL is a public https address.
import { pushFailure, PUSH_OK, redactText, type PushResult } from '../push-result';
import { sendDingtalkGroupMessage } from './push';
import type { DingtalkTokenSource } from './token-cache';

export async function uploadDingtalkMedia(opts: { oapiBase: string; tokens: DingtalkTokenSource; data: Buffer; filename: string; type: 'image' | 'file' }): Promise<{ ok: true; mediaId: string } | Exclude<PushResult, { ok: true }>> {
  const token = await opts.tokens.get();
  if (!token.ok) return token;
  const form = new FormData();
  form.append('media', new Blob([new Uint8Array(opts.data)]), opts.filename);
  const url = `${opts.oapiBase.replace(/\/+$/, '')}/media/upload?access_token=${encodeURIComponent(token.token)}&type=${opts.type}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(20_000) });
  } catch (err: any) {
    return pushFailure('NETWORK', redactText(`media upload: ${err?.message ?? err}`, [token.token]), true);
  }
  const json: any = await res.json().catch(() => ({}));
  if (res.ok && json.errcode === 0 && typeof json.media_id === 'string') return { ok: true, mediaId: json.media_id };
  if (json.errcode === 40014 || json.errcode === 42001) opts.tokens.invalidate(token.token);
  const code = typeof json.errcode === 'number' ? String(json.errcode) : `HTTP_${res.status}`;
  return pushFailure(code, redactText(`media upload refused: ${code} ${json.errmsg ?? ''}`, [token.token]), res.status >= 500 || json.errcode === -1);
}

/** Each picture as its own group message after the text (the app robot's group API, any instance can send it). */
export async function sendDingtalkImages(opts: {
  apiBase: string; oapiBase: string; tokens: DingtalkTokenSource; robotCode: string; openConversationId: string; images: Buffer[];
}): Promise<PushResult> {
  for (const [i, png] of opts.images.entries()) {
    const up = await uploadDingtalkMedia({ oapiBase: opts.oapiBase, tokens: opts.tokens, data: png, filename: `chart-${i + 1}.png`, type: 'image' });
    if (!up.ok) return up;
    const res = await sendDingtalkGroupMessage({
      apiBase: opts.apiBase, tokens: opts.tokens, robotCode: opts.robotCode, openConversationId: opts.openConversationId,
      message: { type: 'image', photoURL: up.mediaId },
    });
    if (!res.ok) return res;
  }
  return PUSH_OK;
}

/** A file (the ledger xlsx) as a group file message: uploaded as media, sent as sampleFile. */
export async function sendDingtalkFile(opts: {
  apiBase: string; oapiBase: string; tokens: DingtalkTokenSource; robotCode: string; openConversationId: string; data: Buffer; name: string;
}): Promise<PushResult> {
  const up = await uploadDingtalkMedia({ oapiBase: opts.oapiBase, tokens: opts.tokens, data: opts.data, filename: opts.name, type: 'file' });
  if (!up.ok) return up;
  const fileType = (/\.([a-z0-9]+)$/i.exec(opts.name)?.[1] ?? 'file').toLowerCase();
  return sendDingtalkGroupMessage({
    apiBase: opts.apiBase, tokens: opts.tokens, robotCode: opts.robotCode, openConversationId: opts.openConversationId,
    message: { type: 'file', mediaId: up.mediaId, fileName: opts.name, fileType },
  });
}
