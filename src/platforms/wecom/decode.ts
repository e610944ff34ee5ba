import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isWecomExternalId, stripMentions, type IncomingMessage } from '../types';
import { decodeAibotCardEvent } from './card-event';

/** Text stays text: no entity expansion, no number coercion (MsgId is 64-bit), no trimming of CDATA. */
const parser = new XMLParser({
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  trimValues: false,
});

export class WecomPayloadError extends Error {}

export function parseXml(xml: string): Record<string, unknown> {
  // Entity declarations are never legitimate in WeCom payloads; refuse them before parsing (XXE, billion laughs).
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new WecomPayloadError('DOCTYPE/ENTITY not allowed');
  if (XMLValidator.validate(xml) !== true) throw new WecomPayloadError('malformed XML');
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (err: any) {
    // The parser has limits the validator does not check (more than 100 nested tags): still the sender's fault.
    throw new WecomPayloadError(`unparseable XML: ${String(err?.message ?? err).slice(0, 80)}`);
  }
  const root = doc.xml;
  if (!root || typeof root !== 'object') throw new WecomPayloadError('missing <xml> root');
  return root as Record<string, unknown>;
}

const s = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : typeof v === 'object' ? '' : String(v));

/** Self-built app callback, decrypted XML (doc 96467). Returns undefined for what the bot does not handle. */
export function decodeAppXml(xml: string, now: number): IncomingMessage | undefined {
  const x = parseXml(xml);
  const type = s(x.MsgType);
  if (type !== 'text' && type !== 'voice' && type !== 'image') return undefined;
  const msgId = s(x.MsgId);
  const from = s(x.FromUserName);
  if (!msgId || !from) throw new WecomPayloadError('missing MsgId or FromUserName');
  // Voice carries <Recognition> only when the app has 语音识别 on; without it the sender is asked to type.
  const { text } = stripMentions(type === 'voice' ? s(x.Recognition) : type === 'image' ? '' : s(x.Content));
  // A message in a chat the app created (appchat) is answered there; everything else is 1:1 with the app.
  const chat = s(x.ChatId);
  return {
    platform: 'wecom', msgId, chatId: chat ? `appchat:${chat}` : `app:${s(x.AgentID)}:${from}`, chatType: chat ? 'group' : 'single', senderId: from, text,
    mentioned: true, images: type === 'image' && s(x.PicUrl) ? [{ kind: 'plain_url', url: s(x.PicUrl) }] : [], receivedAt: now, reply: { kind: 'none' },
    ...(type === 'voice' ? { voice: Boolean(text) } : {}),
  };
}

/** 智能机器人 JSON callback (docs 100719 / 101027). */
export function decodeAibotJson(json: string, now: number): IncomingMessage | undefined {
  let m: any;
  try {
    m = JSON.parse(json);
  } catch {
    throw new WecomPayloadError('malformed JSON');
  }
  if (!m || typeof m !== 'object') throw new WecomPayloadError('not an object');
  const type = s(m.msgtype);
  if (type === 'event') return decodeAibotCardEvent(m, now); // a card tap; other events: undefined
  if (!['text', 'mixed', 'image', 'voice'].includes(type)) return undefined; // stream refreshes, file, video
  const msgId = s(m.msgid);
  const userId = s(m.from?.userid);
  if (!msgId || !userId) throw new WecomPayloadError('missing msgid or from.userid');
  const chatType = m.chattype === 'group' ? 'group' : 'single';
  let raw = '';
  const images: IncomingMessage['images'] = [];
  if (type === 'text') raw = s(m.text?.content);
  // 单聊 voice arrives transcribed (doc 100719: voice.content is the ASR text).
  if (type === 'voice') raw = s(m.voice?.content);
  if (type === 'image' && m.image?.url) images.push({ kind: 'wecom_url', url: s(m.image.url), aesKeyName: 'bot' });
  if (type === 'mixed' && Array.isArray(m.mixed?.msg_item)) {
    for (const it of m.mixed.msg_item) {
      if (it?.msgtype === 'text') raw += (raw ? ' ' : '') + s(it.text?.content);
      if (it?.msgtype === 'image' && it.image?.url) images.push({ kind: 'wecom_url', url: s(it.image.url), aesKeyName: 'bot' });
    }
  }
  const { text } = stripMentions(raw);
  const responseUrl = s(m.response_url);
  return {
    platform: 'wecom',
    msgId,
    chatId: chatType === 'group' ? s(m.chatid) || `single:${userId}` : `single:${userId}`,
    chatType,
    senderId: userId,
    text,
    // The aibot only receives group messages when it is @-mentioned (wecom.md §3.2).
    mentioned: true,
    images,
    receivedAt: now,
    reply: responseUrl ? { kind: 'wecom_response_url', url: responseUrl } : { kind: 'none' },
    ...(type === 'voice' ? { voice: Boolean(text) } : {}),
    // 智能机器人 callbacks carry no list of mentioned userids (doc 100719): /角色 and /指派 take the typed userid there.
    mentions: [],
    external: isWecomExternalId(userId) || undefined,
  };
}

/** App callbacks in the JSON flavour (Go json_callback samples). MsgId is read from the raw text: it is 64-bit. */
export function decodeAppJson(plain: string, now: number): IncomingMessage | undefined {
  let m: any;
  try {
    m = JSON.parse(plain);
  } catch {
    throw new WecomPayloadError('malformed decrypted JSON');
  }
  if (!m || typeof m !== 'object' || s(m.MsgType) !== 'text') return undefined;
  const msgId = /"MsgId"\s*:\s*"?(\d+)"?/.exec(plain)?.[1] ?? '';
  const from = s(m.FromUserName);
  if (!msgId || !from) throw new WecomPayloadError('missing MsgId or FromUserName');
  const { text } = stripMentions(s(m.Content));
  return {
    platform: 'wecom', msgId, chatId: `app:${s(m.AgentID)}:${from}`, chatType: 'single', senderId: from, text,
    mentioned: true, images: [], receivedAt: now, reply: { kind: 'none' },
  };
}
