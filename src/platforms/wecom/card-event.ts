import { isWecomExternalId, type IncomingMessage } from '../types';

const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * A 智能机器人 template_card_event (doc 101027 模板卡片事件) → the neutral message of a tap: the button's key,
 * the card's task_id (to update it in place), deduped on the callback's msgid like any message. Other events
 * (enter_chat, feedback_event) are not handled: undefined.
 */
export function decodeAibotCardEvent(m: any, now: number): IncomingMessage | undefined {
  if (s(m?.msgtype) !== 'event' || s(m?.event?.eventtype) !== 'template_card_event') return undefined;
  const e = m.event.template_card_event ?? {};
  const key = s(e.event_key);
  const msgId = s(m.msgid);
  const userId = s(m.from?.userid);
  if (!key || !msgId || !userId) return undefined;
  const chatType = m.chattype === 'group' ? 'group' : 'single';
  const responseUrl = s(m.response_url);
  return {
    platform: 'wecom',
    msgId,
    chatId: chatType === 'group' ? s(m.chatid) || `single:${userId}` : `single:${userId}`,
    chatType,
    senderId: userId,
    text: '',
    mentioned: true,
    images: [],
    receivedAt: now,
    reply: responseUrl ? { kind: 'wecom_response_url', url: responseUrl } : { kind: 'none' },
    tap: { key: key.slice(0, 512), version: null, taskId: s(e.task_id).slice(0, 128) || undefined },
    mentions: [],
    external: isWecomExternalId(userId) || undefined,
  };
}
