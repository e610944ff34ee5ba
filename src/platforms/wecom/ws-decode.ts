import { decodeAibotJson } from './decode';
import type { IncomingMessage } from '../types';

/**
 * An aibot_msg_callback body is the 智能机器人 callback JSON in plain text (doc 101463 接收消息回调), plus a
 * per-picture `aeskey`. The answer goes back through the frame's req_id; the chat id lets a later reply (or one
 * after a reconnect, when the req_id is gone) be pushed with aibot_send_msg instead.
 */
export function decodeWecomWsCallback(body: unknown, reqId: string, now: number): IncomingMessage | undefined {
  const msg = decodeAibotJson(JSON.stringify(body ?? null), now);
  if (!msg) return undefined;
  const b = body as any;
  if (msg.tap) {
    msg.reply = { kind: 'wecom_ws', reqId, chatId: msg.chatType === 'group' ? msg.chatId : msg.senderId };
    return msg;
  }
  const pictures: { url: string; aeskey?: string }[] = [];
  if (b.msgtype === 'image' && b.image?.url) pictures.push(b.image);
  if (b.msgtype === 'mixed' && Array.isArray(b.mixed?.msg_item)) for (const it of b.mixed.msg_item) if (it?.msgtype === 'image' && it.image?.url) pictures.push(it.image);
  msg.images = pictures.map((p) => (typeof p.aeskey === 'string' && p.aeskey
    ? { kind: 'wecom_ws_url' as const, url: String(p.url), aesKey: p.aeskey }
    : { kind: 'wecom_url' as const, url: String(p.url), aesKeyName: 'bot' as const }));
  const target = msg.chatType === 'group' ? msg.chatId : msg.senderId;
  msg.reply = { kind: 'wecom_ws', reqId, chatId: target };
  return msg;
}
