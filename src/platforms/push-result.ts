// One result shape for every outbound push, so the scheduler can decide "retry later" vs "give up and
// record" without knowing which platform answered. Nothing here logs: callers log the returned result,
// which never contains keys, tokens, signatures or query strings.

export interface PushFailure {
  ok: false;
  /** true: the same request may succeed later (rate limit, 5xx, network, timeout). */
  retryable: boolean;
  /** Platform code as a string ('45009', '130101', 'invalidParameter.robotCode.notExsit') or a transport code
   *  ('HTTP_503', 'NETWORK', 'TIMEOUT', 'BAD_RESPONSE', 'TOO_LARGE'). */
  code: string;
  message: string;
  /** Hint for rate limits: how long the platform blocks further sends. */
  retryAfterMs?: number;
}
export type PushResult = { ok: true } | PushFailure;

export const PUSH_OK: PushResult = Object.freeze({ ok: true as const });
export const DEFAULT_PUSH_TIMEOUT_MS = 10_000;

export function pushFailure(code: string, message: string, retryable: boolean, retryAfterMs?: number): PushFailure {
  const f: PushFailure = { ok: false, retryable, code, message };
  if (retryAfterMs !== undefined) f.retryAfterMs = retryAfterMs;
  return f;
}

/** Drop the query string: webhook keys, access tokens, signs and session ids all travel there. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?***`;
}

/** Remove known secret values and any query strings of URLs embedded in a free-text message. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/(https?:\/\/[^\s?"'<>]+)\?[^\s"'<>]*/g, '$1?***');
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('***');
  }
  return out;
}

export interface PostJsonOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Values to scrub from any error message (keys, secrets, tokens). */
  secrets?: readonly string[];
}
export interface JsonResponse {
  status: number;
  /** Parsed body, or undefined when the body was empty or not JSON. */
  json: unknown;
}
export type PostOutcome = { ok: true; response: JsonResponse } | { ok: false; failure: PushFailure };

/** POST a JSON body with a per-request timeout; transport failures become retryable PushFailures. */
export async function postJson(url: string, body: unknown, opts: PostJsonOptions = {}): Promise<PostOutcome> {
  const { headers = {}, timeoutMs = DEFAULT_PUSH_TIMEOUT_MS, secrets = [] } = opts;
  const where = `POST ${redactUrl(url)}`;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { ok: true, response: { status: res.status, json } };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
      return { ok: false, failure: pushFailure('TIMEOUT', `${where}: no answer within ${timeoutMs} ms`, true) };
    }
    const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
    return { ok: false, failure: pushFailure('NETWORK', redactText(`${where}: ${detail}`, secrets), true) };
  }
}

/** HTTP 5xx and 429 are transient whatever the body says. */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

// WeCom webhook errcodes (wecom.md §5.1): 45009 = api freq out of limit (20 msgs/min per bot),
// -1 = 系统繁忙, 45033 = concurrency limit. 93000 = invalid webhook key / bot removed: permanent.
const WECOM_RETRYABLE: ReadonlyMap<number, number | undefined> = new Map([
  [45009, 60_000],
  [45033, undefined],
  [-1, undefined],
]);

export function classifyWecomErrcode(errcode: number, errmsg: string, secrets: readonly string[] = []): PushResult {
  if (errcode === 0) return PUSH_OK;
  const message = redactText(`wecom errcode ${errcode}: ${errmsg}`, secrets);
  if (WECOM_RETRYABLE.has(errcode)) return pushFailure(String(errcode), message, true, WECOM_RETRYABLE.get(errcode));
  return pushFailure(String(errcode), message, false);
}

// DingTalk oapi (custom robot, sessionWebhook) answers HTTP 200 with errcode (dingtalk.md §3, §6):
// 130101 = send too fast (20/min, then blocked 10 min), -1 = 系统繁忙. 310000 (sign/keyword/ip),
// 300005 (token not exist), 300001 (session expired) and everything else: permanent.
const DINGTALK_OAPI_RETRYABLE: ReadonlyMap<number, number | undefined> = new Map([
  [130101, 10 * 60_000],
  [-1, undefined],
]);

export function classifyDingtalkErrcode(errcode: number, errmsg: string, secrets: readonly string[] = []): PushResult {
  if (errcode === 0) return PUSH_OK;
  const hint = errcode === 300001 ? '（sessionWebhook 已过期，请改用群消息接口）' : '';
  const message = redactText(`dingtalk errcode ${errcode}: ${errmsg}${hint}`, secrets);
  if (DINGTALK_OAPI_RETRYABLE.has(errcode)) {
    return pushFailure(String(errcode), message, true, DINGTALK_OAPI_RETRYABLE.get(errcode));
  }
  return pushFailure(String(errcode), message, false);
}

/** Does a DingTalk v1.0 API error mean "this access token is bad" (so refetch it and try once more)? */
export function isDingtalkAuthError(status: number, code: string): boolean {
  return status === 401 || /^(InvalidAuthentication|invalidAuthentication|InvalidAccessToken|token\.)/.test(code) ||
    /accessToken\.(invalid|expired)|AccessTokenExpired/i.test(code);
}

/**
 * DingTalk v1.0 APIs (api.dingtalk.com) fail with HTTP 4xx/5xx and `{code, message}` (dingtalk.md §4).
 * Retryable: 5xx, 429, throttling / QPS limits, -1 系统繁忙. Permanent: invalidParameter.*, bot.stopped,
 * Forbidden.* (incl. the monthly ApiCountLimitForOrg quota), auth errors after the one token refresh.
 */
export function classifyDingtalkApiError(status: number, body: unknown, secrets: readonly string[] = []): PushFailure {
  const b = (body ?? {}) as { code?: unknown; message?: unknown };
  const code = b.code !== undefined && b.code !== null && b.code !== '' ? String(b.code) : `HTTP_${status}`;
  const text = typeof b.message === 'string' ? b.message : '';
  const message = redactText(`dingtalk HTTP ${status} ${code}${text ? `: ${text}` : ''}`, secrets);
  const throttled = /^Throttling|QpsLimit/i.test(code);
  const busy = code === '-1' || /^(systemError|ServiceUnavailable|InternalError)/i.test(code);
  return pushFailure(code, message, isTransientStatus(status) || throttled || busy);
}
