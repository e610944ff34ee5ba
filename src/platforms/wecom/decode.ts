import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { stripMentions, type IncomingMessage } from '../types';
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
  if (type !== 'text') return undefined;
  const msgId = s(x.MsgId);
  const from = s(x.FromUserName);
  if (!msgId || !from) throw new WecomPayloadError('missing MsgId or FromUserName');
  const { text } = stripMentions(s(x.Content));
  return {
    platform: 'wecom', msgId, chatId: `app:${s(x.AgentID)}:${from}`, chatType: 'single', senderId: from, text,
    mentioned: true /* app messages are 1:1 with the app */, images: [], receivedAt: now, reply: { kind: 'none' },
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
  if (!['text', 'mixed', 'image'].includes(type)) return undefined; // stream refreshes, voice, file
  const msgId = s(m.msgid);
  const userId = s(m.from?.userid);
  if (!msgId || !userId) throw new WecomPayloadError('missing msgid or from.userid');
  const chatType = m.chattype === 'group' ? 'group' : 'single';
  let raw = '';
  const images: IncomingMessage['images'] = [];
  if (type === 'text') raw = s(m.text?.content);
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
