// Pictures the platforms only reference: a WeCom 智能机器人 image url (valid 5 minutes, AES-encrypted with the bot's
// key) or a DingTalk downloadCode (exchanged for a short-lived URL). Fetched at intake, before the link expires,
// with a retry; decrypted, size- and type-checked. Failures carry a reason the sender can act on.
import type { Config } from '../config';
import type { Clock } from '../services/clock';
import type { FetchedMedia, ImageRef, MediaSource, MediaSources, PlatformName } from './types';
import { sniffImage } from '../services/media';
import { decryptMedia, WecomCryptoError } from './wecom/crypto';
import { DingtalkTokenCache } from './dingtalk/token-cache';

export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;
/** WeCom: "图片 url 五分钟内有效" (doc 100719). */
export const WECOM_MEDIA_URL_TTL_MS = 5 * 60_000;

export class MediaFetchError extends Error {
  /** `reason`: Chinese, for the reply. `retryable`: a network hiccup, worth one more try. */
  constructor(readonly reason: string, readonly retryable: boolean, detail: string) {
    super(detail);
  }
}

async function fetchBytes(url: string, init?: RequestInit): Promise<Buffer> {
  if (!/^https?:\/\//.test(url)) throw new MediaFetchError('图片地址无效', false, 'not an http(s) url');
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000), redirect: 'follow' });
  } catch (err: any) {
    throw new MediaFetchError('图片下载失败（网络）', true, String(err?.cause?.code ?? err?.message ?? err));
  }
  if (!res.ok) throw new MediaFetchError(res.status === 403 || res.status === 404 ? '图片链接已失效' : '图片下载失败', res.status >= 500 || res.status === 429, `HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MEDIA_MAX_BYTES) throw new MediaFetchError('图片太大（最多 10 MB）', false, `content-length ${length}`);
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.length > MEDIA_MAX_BYTES) throw new MediaFetchError('图片太大（最多 10 MB）', false, `${buf.length} B`);
  return buf;
}

export interface MediaFetchDeps {
  config: Config;
  clock: Clock;
  dingtalkTokens: DingtalkTokenCache;
}

async function fetchOnce(deps: MediaFetchDeps, ref: ImageRef, receivedAt: number): Promise<Buffer> {
  switch (ref.kind) {
    case 'data_url':
      return Buffer.from(ref.dataUrl.slice(ref.dataUrl.indexOf(',') + 1), 'base64');
    case 'plain_url':
      return fetchBytes(ref.url);
    case 'wecom_url': {
      if (deps.clock.now() - receivedAt > WECOM_MEDIA_URL_TTL_MS) throw new MediaFetchError('图片链接已过期（企业微信图片 5 分钟内有效）', false, 'url older than 5 min');
      const key = deps.config.wecomBot?.aesKey;
      if (!key) throw new MediaFetchError('未配置智能机器人密钥，无法解密图片', false, 'WECOM_BOT_ENCODING_AES_KEY not set');
      const data = await fetchBytes(ref.url);
      try {
        return decryptMedia(key, data);
      } catch (err) {
        if (err instanceof WecomCryptoError) throw new MediaFetchError('图片解密失败', false, err.message);
        throw err;
      }
    }
    case 'wecom_ws_url': {
      // Long-connection pictures carry their own key (doc 101463 多媒体资源解密), valid as briefly as callback urls.
      if (deps.clock.now() - receivedAt > WECOM_MEDIA_URL_TTL_MS) throw new MediaFetchError('图片链接已过期（企业微信图片 5 分钟内有效）', false, 'url older than 5 min');
      const data = await fetchBytes(ref.url);
      try {
        return decryptMedia(ref.aesKey.replace(/=+$/, ''), data);
      } catch (err) {
        if (err instanceof WecomCryptoError) throw new MediaFetchError('图片解密失败', false, err.message);
        throw err;
      }
    }
    case 'dingtalk_download': {
      const dt = deps.config.dingtalk;
      if (!dt) throw new MediaFetchError('未配置钉钉应用，无法下载图片', false, 'DingTalk not configured');
      const token = await deps.dingtalkTokens.get(dt);
      if (!token.ok) throw new MediaFetchError('图片下载失败（钉钉凭证）', token.retryable, `token: ${token.code}`);
      let res: Response;
      try {
        res = await fetch(`${deps.config.DINGTALK_API_BASE}/v1.0/robot/messageFiles/download`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token.token },
          body: JSON.stringify({ downloadCode: ref.downloadCode, robotCode: ref.robotCode || dt.robotCode || dt.appKey }), signal: AbortSignal.timeout(10_000),
        });
      } catch (err: any) {
        throw new MediaFetchError('图片下载失败（网络）', true, String(err?.cause?.code ?? err?.message ?? err));
      }
      const json: any = await res.json().catch(() => ({}));
      if (!res.ok || typeof json.downloadUrl !== 'string') throw new MediaFetchError('图片下载失败', res.status >= 500, `download code refused: HTTP ${res.status}`);
      return fetchBytes(json.downloadUrl);
    }
    case 'media':
    case 'failed':
      throw new MediaFetchError('内部错误', false, `${ref.kind} is not fetched`);
  }
}

/** Downloads, decrypts and checks one picture; one more try after a transient failure. */
export async function fetchImage(deps: MediaFetchDeps, ref: ImageRef, receivedAt: number, retryDelayMs = 500): Promise<{ data: Buffer; mime: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const data = await fetchOnce(deps, ref, receivedAt);
      const mime = sniffImage(data);
      if (!mime) throw new MediaFetchError('收到的不是图片（或解密后不是图片）', false, 'unknown image type');
      return { data, mime };
    } catch (err) {
      const e = err instanceof MediaFetchError ? err : new MediaFetchError('图片下载失败', true, String((err as Error)?.message ?? err));
      if (!e.retryable || attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, retryDelayMs * attempt));
    }
  }
}

/** Which picture references each platform sends; a reference of another platform is not fetched through it. */
const KINDS: Record<PlatformName, ImageRef['kind'][]> = {
  wecom: ['wecom_url', 'wecom_ws_url', 'plain_url', 'data_url'],
  dingtalk: ['dingtalk_download', 'plain_url', 'data_url'],
  local: ['data_url', 'plain_url'],
};

/** The platform's MediaSource: fetchImage, with its failures as a reason for the sender. */
function sourceFor(platform: PlatformName, deps: MediaFetchDeps, retryDelayMs?: number): MediaSource {
  return {
    async fetch(ref: ImageRef, receivedAt: number): Promise<FetchedMedia> {
      if (!KINDS[platform].includes(ref.kind)) return { ok: false, reason: '图片下载失败', detail: `${ref.kind} is not a ${platform} picture` };
      try {
        const { data, mime } = await fetchImage(deps, ref, receivedAt, retryDelayMs);
        return { ok: true, bytes: data, mime };
      } catch (err) {
        const e = err instanceof MediaFetchError ? err : null;
        return { ok: false, reason: e?.reason ?? '图片下载失败', detail: String((err as Error)?.message ?? err) };
      }
    },
  };
}

/** One source per platform, sharing one DingTalk token cache; built once by the composition root. */
export function createMediaSources(opts: { config: Config; clock: Clock; retryDelayMs?: number }): MediaSources {
  const deps: MediaFetchDeps = { config: opts.config, clock: opts.clock, dingtalkTokens: new DingtalkTokenCache({ apiBase: opts.config.DINGTALK_API_BASE, clock: opts.clock }) };
  return { wecom: sourceFor('wecom', deps, opts.retryDelayMs), dingtalk: sourceFor('dingtalk', deps, opts.retryDelayMs), local: sourceFor('local', deps, opts.retryDelayMs) };
}
