import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';
import { dingtalkInboundSign } from '../../src/platforms/dingtalk/sign';

/** Credentials the test bots are configured with. The app set is Tencent's official set A (wecom-vectors.json). */
export const CREDS = {
  wecomApp: { token: 'QDG6eK', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' },
  wecomBot: { token: 'botToken123', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' },
  dingtalk: { appKey: 'dingappkey', appSecret: 'dingtalk-app-secret-for-tests', robotCode: 'dingrobot' },
};

export function botEnv(fakeUrl: string): Record<string, string> {
  return {
    WECOM_TOKEN: CREDS.wecomApp.token, WECOM_ENCODING_AES_KEY: CREDS.wecomApp.aesKey, WECOM_CORP_ID: CREDS.wecomApp.corpId,
    WECOM_BOT_TOKEN: CREDS.wecomBot.token, WECOM_BOT_ENCODING_AES_KEY: CREDS.wecomBot.aesKey,
    DINGTALK_APP_KEY: CREDS.dingtalk.appKey, DINGTALK_APP_SECRET: CREDS.dingtalk.appSecret, DINGTALK_ROBOT_CODE: CREDS.dingtalk.robotCode,
    WECOM_API_BASE: fakeUrl, DINGTALK_API_BASE: fakeUrl, DINGTALK_OAPI_BASE: fakeUrl,
  };
}

let counter = 0;
const usedMs = new Set<number>();
/**
 * DingTalk's timestamp header is the send time in ms: two different messages a test sends "at the same moment"
 * (a frozen test clock, a burst) would share one (timestamp, sign) pair, which the bot only tolerates for a few
 * bodies (src/platforms/dingtalk/proof.ts). Like the real platform, every send gets a millisecond of its own.
 */
export function uniqueMs(ms: number): number {
  let out = ms;
  while (usedMs.has(out)) out++;
  usedMs.add(out);
  return out;
}
export const uid = (p = 'm') => `${p}${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(3).toString('hex')}`;

export interface WecomPerson {
  userId: string;
  chatId: string;
}

/** A 智能机器人 callback exactly as WeCom sends it: JSON encrypted with receiveid "", signed. */
export function wecomBotRequest(
  base: string,
  fakeUrl: string,
  p: { userId: string; chatId: string; text?: string; msgId?: string; imageUrl?: string; key?: string; token?: string; timestamp?: number },
): { url: string; init: RequestInit; msgId: string } {
  const msgId = p.msgId ?? uid('wc');
  const payload: any = {
    msgid: msgId, aibotid: 'AIBOT', chatid: p.chatId, chattype: 'group', from: { userid: p.userId },
    response_url: `${fakeUrl}/cgi-bin/aibot/response?response_code=${uid('rc')}`,
  };
  if (p.imageUrl && p.text) payload.msgtype = 'mixed', payload.mixed = { msg_item: [{ msgtype: 'text', text: { content: `@安全助手 ${p.text}` } }, { msgtype: 'image', image: { url: p.imageUrl } }] };
  else if (p.imageUrl) payload.msgtype = 'image', payload.image = { url: p.imageUrl };
  else payload.msgtype = 'text', payload.text = { content: `@安全助手 ${p.text ?? ''}` };
  const enc = encrypt(p.key ?? CREDS.wecomBot.aesKey, JSON.stringify(payload), '');
  const timestamp = String(Math.floor((p.timestamp ?? Date.now()) / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const sig = getSignature(p.token ?? CREDS.wecomBot.token, timestamp, nonce, enc);
  return {
    url: `${base}/webhooks/wecom?msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`,
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: enc }) },
    msgId,
  };
}

/** An enterprise-internal robot callback as DingTalk sends it: timestamp + sign headers. */
export function dingtalkRequest(
  base: string,
  fakeUrl: string,
  p: { userId: string; nick?: string; chatId: string; text?: string; msgId?: string; downloadCode?: string; timestamp?: number; secret?: string; atUsers?: { staffId: string }[]; external?: boolean; robotCode?: string },
): { url: string; init: RequestInit; msgId: string } {
  const msgId = p.msgId ?? uid('dt');
  const now = Date.now();
  const body: any = {
    conversationId: p.chatId, conversationType: '2', conversationTitle: '测试群', msgId, senderNick: p.nick ?? p.userId, senderStaffId: p.userId,
    senderId: `$:LWCP_v1:$${p.userId}`, isInAtList: true, chatbotUserId: 'bot', robotCode: CREDS.dingtalk.robotCode, createAt: now,
    sessionWebhook: `${fakeUrl}/robot/sendBySession?session=${uid('s')}`, sessionWebhookExpiredTime: now + 90 * 60_000,
    atUsers: p.atUsers ?? [],
  };
  if (p.external) delete body.senderStaffId; // DingTalk sends no staffId for external users
  if (p.robotCode !== undefined) body.robotCode = p.robotCode;
  if (p.downloadCode) body.msgtype = 'picture', body.content = { downloadCode: p.downloadCode };
  else body.msgtype = 'text', body.text = { content: ` ${p.text ?? ''}` };
  const ts = String(uniqueMs(p.timestamp ?? now));
  return {
    url: `${base}/webhooks/dingtalk`,
    init: { method: 'POST', headers: { 'content-type': 'application/json', timestamp: ts, sign: dingtalkInboundSign(ts, p.secret ?? CREDS.dingtalk.appSecret) }, body: JSON.stringify(body) },
    msgId,
  };
}
