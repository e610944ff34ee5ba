// Outbound DingTalk pushes (shared/docs/platforms/dingtalk.md):
//  - §4 app robot → group via POST /v1.0/robot/groupMessages/send (scheduled reminders; no @ support),
//  - §3 custom robot webhook with 加签 (legacy groups),
//  - §1/§6 sessionWebhook reply (short-lived; errcode 300001 once expired).
import { dingtalkInboundSign } from './sign';
import { fitUtf8, utf8Bytes, TRUNCATION_HINT } from '../markdown';
import {
  classifyDingtalkApiError,
  classifyDingtalkErrcode,
  isDingtalkAuthError,
  isTransientStatus,
  postJson,
  pushFailure,
  PUSH_OK,
  redactUrl,
  type PushResult,
} from '../push-result';
import { systemClock, type Clock } from '../../services/clock';
import { DINGTALK_API_BASE, type DingtalkTokenSource } from './token-cache';

export {
  DingtalkTokenCache,
  DINGTALK_API_BASE,
  type DingtalkAppCredentials,
  type DingtalkTokenCacheOptions,
  type DingtalkTokenSource,
  type TokenOutcome,
} from './token-cache';

export const DINGTALK_OAPI_BASE = 'https://oapi.dingtalk.com';
export const DINGTALK_MSG_PARAM_MAX_BYTES = 15_000;
export const DINGTALK_ROBOT_BODY_MAX_BYTES = 20_000;
/** Heuristic from soimy's chunker (dingtalk.md §6): sessionWebhook messages cut off near 3 800 chars. */
export const DINGTALK_SESSION_MAX_CHARS = 3_800;

/**
 * 加签: Base64(HmacSHA256(key = secret, msg = timestamp + "\n" + secret)), raw (not URL-encoded).
 * The same formula verifies inbound callback headers (with the app secret) and signs custom-robot
 * URLs (with the SEC… secret, then URL-encoded in the query).
 */
export function dingtalkSign(timestamp: number | string, secret: string): string {
  // 加签 for custom robots is the same HMAC as the inbound callback check (dingtalk.md §3 and §1).
  return dingtalkInboundSign(String(timestamp), secret);
}

export type DingtalkGroupMessage =
  | { type: 'text'; content: string }
  /** `text` already rendered with renderMarkdown(…, 'dingtalk'). */
  | { type: 'markdown'; title: string; text: string }
  | { type: 'image'; photoURL: string }
  /** A file uploaded as DingTalk media (sampleFile). */
  | { type: 'file'; mediaId: string; fileName: string; fileType: string }
  /** An ActionCard (sampleActionCard / sampleActionCard2…6), built by action-card.ts. */
  | { type: 'actionCard'; msgKey: string; msgParam: Record<string, string> };

/** Custom robot and sessionWebhook messages; these support @ (mobiles, or userIds in internal groups). */
export type DingtalkRobotMessage =
  | { type: 'text'; content: string; atMobiles?: string[]; atUserIds?: string[] }
  | { type: 'markdown'; title: string; text: string; atMobiles?: string[]; atUserIds?: string[] }
  /** ActionCard with buttons (`btns`), built by action-card.ts; no @ (the card type has none). */
  | { type: 'actionCard'; actionCard: { title: string; text: string; btnOrientation: '0' | '1'; btns: { title: string; actionURL: string }[] }; atMobiles?: string[]; atUserIds?: string[] };

/**
 * Shrink one string field until the JSON built from it fits `maxBytes` (JSON escaping of quotes and
 * newlines counts too, so measure the serialised form, not the raw text).
 */
function fitField(original: string, maxBytes: number, build: (s: string) => unknown): string {
  const fits = (s: string) => utf8Bytes(JSON.stringify(build(s))) <= maxBytes;
  if (fits(original)) return original;
  // Binary search on the raw byte budget: escaping makes the serialised size non-linear in the cut.
  let lo = 0;
  let hi = utf8Bytes(original);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(fitUtf8(original, mid))) lo = mid;
    else hi = mid - 1;
  }
  return fitUtf8(original, lo);
}

function fitChars(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - TRUNCATION_HINT.length - 1).join('')}…${TRUNCATION_HINT}`;
}

export function buildGroupMessageBody(robotCode: string, openConversationId: string, message: DingtalkGroupMessage) {
  let msgKey: string;
  let param: Record<string, string>;
  const max = DINGTALK_MSG_PARAM_MAX_BYTES;
  switch (message.type) {
    case 'text':
      msgKey = 'sampleText';
      param = { content: fitField(message.content, max, (content) => ({ content })) };
      break;
    case 'markdown':
      msgKey = 'sampleMarkdown';
      param = { title: message.title, text: fitField(message.text, max, (text) => ({ title: message.title, text })) };
      break;
    case 'image':
      msgKey = 'sampleImageMsg';
      param = { photoURL: message.photoURL };
      break;
    case 'file':
      msgKey = 'sampleFile';
      param = { mediaId: message.mediaId, fileName: message.fileName, fileType: message.fileType };
      break;
    case 'actionCard':
      msgKey = message.msgKey;
      param = { ...message.msgParam, text: fitField(message.msgParam.text ?? '', max - 2000, (text) => ({ ...message.msgParam, text })) };
      break;
  }
  // msgParam is a JSON *string* inside the JSON body (dingtalk.md §4).
  return { robotCode, openConversationId, msgKey, msgParam: JSON.stringify(param) };
}

export interface SendDingtalkGroupMessageOptions {
  /** Defaults to DINGTALK_API_BASE. */
  apiBase?: string;
  /** From DingtalkTokenCache.forApp(credentials). */
  tokens: DingtalkTokenSource;
  robotCode: string;
  /** The group's conversationId from an inbound callback. */
  openConversationId: string;
  message: DingtalkGroupMessage;
  timeoutMs?: number;
}

export async function sendDingtalkGroupMessage(opts: SendDingtalkGroupMessageOptions): Promise<PushResult> {
  const { apiBase = DINGTALK_API_BASE, tokens, robotCode, openConversationId, message, timeoutMs } = opts;
  return postDingtalkApi(apiBase, '/v1.0/robot/groupMessages/send', buildGroupMessageBody(robotCode, openConversationId, message), tokens, timeoutMs);
}

/**
 * A single chat (单聊) is not a group: POST /v1.0/robot/oToMessages/batchSend {robotCode, userIds, msgKey, msgParam}.
 * Users the platform throttled come back in flowControlledStaffIdList (retry later), unknown ones in invalidStaffIdList.
 */
export async function sendDingtalkSingleMessage(opts: Omit<SendDingtalkGroupMessageOptions, 'openConversationId'> & { userId: string }): Promise<PushResult> {
  const { apiBase = DINGTALK_API_BASE, tokens, robotCode, userId, message, timeoutMs } = opts;
  const { openConversationId: _unused, ...rest } = buildGroupMessageBody(robotCode, '', message);
  return postDingtalkApi(apiBase, '/v1.0/robot/oToMessages/batchSend', { ...rest, userIds: [userId] }, tokens, timeoutMs, (json) => {
    const b = (json ?? {}) as { flowControlledStaffIdList?: unknown; invalidStaffIdList?: unknown };
    if (Array.isArray(b.flowControlledStaffIdList) && b.flowControlledStaffIdList.includes(userId)) {
      return pushFailure('flowControlled', 'dingtalk oToMessages: user is flow-controlled', true, 60_000);
    }
    if (Array.isArray(b.invalidStaffIdList) && b.invalidStaffIdList.includes(userId)) {
      return pushFailure('invalidStaffId', 'dingtalk oToMessages: not a staff id of this organisation', false);
    }
    return PUSH_OK;
  });
}

/** POST to a DingTalk v1.0 API with the app's token; a rejected token is refetched once (DingTalk may revoke early). */
export async function postDingtalkApi(
  apiBase: string, path: string, body: unknown, tokens: DingtalkTokenSource, timeoutMs?: number, onSuccess: (json: unknown) => PushResult = () => PUSH_OK,
): Promise<PushResult> {
  const url = `${apiBase.replace(/\/+$/, '')}${path}`;
  for (let attempt = 0; ; attempt++) {
    const token = await tokens.get();
    if (!token.ok) return token;
    const secrets = [token.token];
    const out = await postJson(url, body, { timeoutMs, secrets, headers: { 'x-acs-dingtalk-access-token': token.token } });
    if (!out.ok) return out.failure;
    const { status, json } = out.response;
    const code = String((json as { code?: unknown } | undefined)?.code ?? '');
    if (status >= 200 && status < 300 && !code) return onSuccess(json);
    if (isDingtalkAuthError(status, code)) {
      tokens.invalidate(token.token);
      if (attempt === 0) continue;
    }
    return classifyDingtalkApiError(status, json, secrets);
  }
}

function withAtTokens(text: string, ids: string[]): string {
  const missing = ids.filter((id) => !text.includes(`@${id}`));
  return missing.length ? `${text} ${missing.map((id) => `@${id}`).join(' ')}` : text;
}

/**
 * Body for the custom robot and sessionWebhook. DingTalk only highlights an @ when `@mobile`/`@userId`
 * also appears in the text (dingtalk.md §3), so missing ones are appended.
 */
export function buildRobotBody(message: DingtalkRobotMessage, opts: { maxChars?: number; msgUuid?: string } = {}) {
  const atMobiles = message.atMobiles ?? [];
  const atUserIds = message.atUserIds ?? [];
  const at = { atMobiles, atUserIds, isAtAll: false };
  const clip = (s: string) => withAtTokens(opts.maxChars ? fitChars(s, opts.maxChars) : s, [...atMobiles, ...atUserIds]);
  const extra = opts.msgUuid ? { msgUuid: opts.msgUuid } : {};
  const max = DINGTALK_ROBOT_BODY_MAX_BYTES;
  if (message.type === 'text') {
    const build = (content: string) => ({ msgtype: 'text', text: { content }, at, ...extra });
    return build(clip(fitField(message.content, max - 200, build)));
  }
  if (message.type === 'actionCard') {
    const card = message.actionCard;
    const build = (text: string) => ({ msgtype: 'actionCard', actionCard: { ...card, text }, ...extra });
    return build(fitField(opts.maxChars ? fitChars(card.text, opts.maxChars) : card.text, max - 2000, build));
  }
  const build = (text: string) => ({ msgtype: 'markdown', markdown: { title: message.title, text }, at, ...extra });
  return build(clip(fitField(message.text, max - 200, build)));
}

function readOapiAnswer(status: number, json: unknown, where: string, secrets: string[]): PushResult {
  const body = json as { errcode?: unknown; errmsg?: unknown } | undefined;
  if (typeof body?.errcode === 'number') {
    return classifyDingtalkErrcode(body.errcode, typeof body.errmsg === 'string' ? body.errmsg : '', secrets);
  }
  if (status < 200 || status >= 300) return pushFailure(`HTTP_${status}`, `${where}: HTTP ${status}`, isTransientStatus(status));
  return pushFailure('BAD_RESPONSE', `${where}: HTTP ${status} without errcode`, false);
}

export interface SendDingtalkCustomRobotOptions {
  /** Defaults to DINGTALK_OAPI_BASE. */
  oapiBase?: string;
  accessToken: string;
  /** The SEC… secret when 加签 is enabled; signed per request because DingTalk rejects timestamps > 1 h off. */
  secret?: string;
  message: DingtalkRobotMessage;
  /** Idempotency key: retrying with the same value after a timeout does not duplicate (dingtalk.md §3). */
  msgUuid?: string;
  /** Source of the 加签 timestamp. */
  clock?: Clock;
  timeoutMs?: number;
}

export async function sendDingtalkCustomRobot(opts: SendDingtalkCustomRobotOptions): Promise<PushResult> {
  const { oapiBase = DINGTALK_OAPI_BASE, accessToken, secret, message, msgUuid, clock = systemClock, timeoutMs } = opts;
  const query = new URLSearchParams({ access_token: accessToken });
  const secrets = [accessToken];
  if (secret) {
    const timestamp = String(clock.now());
    const sign = dingtalkSign(timestamp, secret);
    query.set('timestamp', timestamp);
    query.set('sign', sign); // URLSearchParams percent-encodes + / = exactly like urlEncode in the doc
    secrets.push(secret, sign);
  }
  const url = `${oapiBase.replace(/\/+$/, '')}/robot/send?${query.toString()}`;
  const out = await postJson(url, buildRobotBody(message, { msgUuid }), { timeoutMs, secrets });
  if (!out.ok) return out.failure;
  return readOapiAnswer(out.response.status, out.response.json, `POST ${redactUrl(url)}`, secrets);
}

/** Reply through an inbound message's sessionWebhook. Expired sessions answer errcode 300001 (permanent). */
export async function sendDingtalkSessionWebhook(
  url: string,
  message: DingtalkRobotMessage,
  opts: { timeoutMs?: number } = {},
): Promise<PushResult> {
  let secrets: string[];
  try {
    secrets = [new URL(url).searchParams.get('session') ?? ''];
  } catch {
    return pushFailure('BAD_URL', `invalid sessionWebhook ${redactUrl(url)}`, false);
  }
  const body = buildRobotBody(message, { maxChars: DINGTALK_SESSION_MAX_CHARS });
  const out = await postJson(url, body, { timeoutMs: opts.timeoutMs, secrets });
  if (!out.ok) return out.failure;
  return readOapiAnswer(out.response.status, out.response.json, `POST ${redactUrl(url)}`, secrets);
}
