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
  p: { userId: string; chatId: string; text?: string; msgId?: string; imageUrl?: string; key?: string; token?: string; single?: boolean; voice?: string; timestamp?: number },
): { url: string; init: RequestInit; msgId: string } {
  const msgId = p.msgId ?? uid('wc');
  const payload: any = {
    msgid: msgId, aibotid: 'AIBOT', chattype: p.single ? 'single' : 'group', from: { userid: p.userId },
    response_url: `${fakeUrl}/cgi-bin/aibot/response?response_code=${uid('rc')}`,
  };
  if (!p.single) payload.chatid = p.chatId;
  if (p.voice !== undefined) payload.msgtype = 'voice', payload.voice = { content: p.voice };
  else if (p.imageUrl && p.text) payload.msgtype = 'mixed', payload.mixed = { msg_item: [{ msgtype: 'text', text: { content: `@安全助手 ${p.text}` } }, { msgtype: 'image', image: { url: p.imageUrl } }] };
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
  p: {
    userId: string; nick?: string; chatId: string; text?: string; msgId?: string; downloadCode?: string; timestamp?: number; secret?: string; atUsers?: { staffId: string }[];
    single?: boolean; sessionExpiresAt?: number; audio?: { recognition?: string }; external?: boolean; robotCode?: string;
  },
): { url: string; init: RequestInit; msgId: string } {
  const msgId = p.msgId ?? uid('dt');
  const now = Date.now();
  const body: any = {
    conversationId: p.chatId, conversationType: p.single ? '1' : '2', conversationTitle: p.single ? undefined : '测试群', msgId, senderNick: p.nick ?? p.userId, senderStaffId: p.userId,
    senderId: `$:LWCP_v1:$${p.userId}`, isInAtList: true, chatbotUserId: 'bot', robotCode: CREDS.dingtalk.robotCode, createAt: now,
    sessionWebhook: `${fakeUrl}/robot/sendBySession?session=${uid('s')}`, sessionWebhookExpiredTime: now + 90 * 60_000,
    atUsers: p.atUsers ?? [],
  };
  if (p.external) delete body.senderStaffId; // DingTalk sends no staffId for external users
  if (p.robotCode !== undefined) body.robotCode = p.robotCode;
  if (p.sessionExpiresAt !== undefined) body.sessionWebhookExpiredTime = p.sessionExpiresAt;
  if (p.audio) body.msgtype = 'audio', body.content = { duration: 4000, downloadCode: 'audio-code', ...(p.audio.recognition !== undefined ? { recognition: p.audio.recognition } : {}) };
  else if (p.downloadCode) body.msgtype = 'picture', body.content = { downloadCode: p.downloadCode };
  else body.msgtype = 'text', body.text = { content: ` ${p.text ?? ''}` };
  const ts = String(uniqueMs(p.timestamp ?? now));
  return {
    url: `${base}/webhooks/dingtalk`,
    init: { method: 'POST', headers: { 'content-type': 'application/json', timestamp: ts, sign: dingtalkInboundSign(ts, p.secret ?? CREDS.dingtalk.appSecret) }, body: JSON.stringify(body) },
    msgId,
  };
}

/** A self-built app callback as WeCom sends it: XML, encrypted with receiveid = corp id, signed (doc 90930). */
export function wecomAppRequest(
  base: string,
  p: { userId: string; text?: string; msgId?: string; token?: string; aesKey?: string; corpId?: string; agentId?: string; voice?: { recognition?: string } },
): { url: string; init: RequestInit; msgId: string } {
  const msgId = p.msgId ?? String(Date.now()) + String(counter++).padStart(4, '0');
  const corpId = p.corpId ?? CREDS.wecomApp.corpId;
  const agent = p.agentId ?? '1000002';
  const content = p.voice
    ? `<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media1]]></MediaId><Format><![CDATA[amr]]></Format>${p.voice.recognition !== undefined ? `<Recognition><![CDATA[${p.voice.recognition}]]></Recognition>` : ''}`
    : `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${p.text ?? ''}]]></Content>`;
  const plain = `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[${p.userId}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>${content}<MsgId>${msgId}</MsgId><AgentID>${agent}</AgentID></xml>`;
  const enc = encrypt(p.aesKey ?? CREDS.wecomApp.aesKey, plain, corpId);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const sig = getSignature(p.token ?? CREDS.wecomApp.token, timestamp, nonce, enc);
  const body = `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt><AgentID><![CDATA[${agent}]]></AgentID></xml>`;
  return { url: `${base}/webhooks/wecom?msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`, init: { method: 'POST', headers: { 'content-type': 'text/xml' }, body }, msgId };
}

/** WeCom's URL check (GET with echostr), encrypted for `receiveId` ("" for the 智能机器人, the corp id for the app). */
export function wecomVerifyUrl(base: string, p: { token: string; aesKey: string; receiveId: string; echo: string }): string {
  const enc = encrypt(p.aesKey, p.echo, p.receiveId);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  return `${base}/webhooks/wecom?msg_signature=${getSignature(p.token, timestamp, nonce, enc)}&timestamp=${timestamp}&nonce=${nonce}&echostr=${encodeURIComponent(enc)}`;
}
