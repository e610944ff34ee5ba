import { stripMentions, type IncomingMessage } from '../types';

export class DingtalkPayloadError extends Error {}

const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** atUsers lists everyone @-mentioned, the bot too (it has no staffId); at most 50 are kept. */
function mentionedStaff(m: any): string[] {
  if (!Array.isArray(m.atUsers)) return [];
  const bot = s(m.chatbotUserId);
  const ids = m.atUsers.filter((u: any) => u && (!bot || s(u.dingtalkId) !== bot)).map((u: any) => s(u?.staffId)).filter(Boolean);
  return [...new Set<string>(ids)].slice(0, 50);
}

/** Enterprise-internal robot callback body (dingtalk.md §1). Returns undefined for types the bot does not handle. */
export function decodeDingtalk(json: string, now: number): IncomingMessage | undefined {
  let m: any;
  try {
    m = JSON.parse(json);
  } catch {
    throw new DingtalkPayloadError('malformed JSON');
  }
  if (!m || typeof m !== 'object' || Array.isArray(m)) throw new DingtalkPayloadError('not an object');
  const msgId = s(m.msgId);
  const conversationId = s(m.conversationId);
  // senderStaffId is the one stable identity (dingtalk.md §1); without it (external users, an unpublished robot) the
  // sender is not an organisation member: the message is answered with a refusal and nobody is registered.
  const staffId = s(m.senderStaffId);
  const corpId = s(m.chatbotCorpId);
  const foreignCorp = Boolean(corpId && s(m.senderCorpId) && s(m.senderCorpId) !== corpId);
  const external = !staffId || foreignCorp;
  const senderId = external ? `external:${s(m.senderId) || s(m.senderUnionId)}` : staffId;
  if (!msgId || !conversationId || senderId === 'external:') throw new DingtalkPayloadError('missing msgId, conversationId or sender');
  const type = s(m.msgtype);
  let raw = '';
  const images: IncomingMessage['images'] = [];
  const robotCode = s(m.robotCode);
  if (type === 'text') raw = s(m.text?.content);
  else if (type === 'picture') {
    const code = s(m.content?.downloadCode) || s(m.content?.pictureDownloadCode);
    if (code) images.push({ kind: 'dingtalk_download', downloadCode: code, robotCode });
  } else if (type === 'richText' && Array.isArray(m.content?.richText)) {
    for (const it of m.content.richText) {
      if (typeof it?.text === 'string') raw += it.text;
      const code = s(it?.downloadCode) || s(it?.pictureDownloadCode);
      if (code) images.push({ kind: 'dingtalk_download', downloadCode: code, robotCode });
    }
  } else if (type === 'audio') {
    // DingTalk transcribes voice itself: content.recognition (empty when it could not).
    raw = s(m.content?.recognition);
  } else return undefined;
  const { text } = stripMentions(raw);
  const session = s(m.sessionWebhook);
  const expires = Number(m.sessionWebhookExpiredTime) || 0;
  const group = s(m.conversationType) === '2';
  return {
    platform: 'dingtalk',
    msgId,
    chatId: group ? conversationId : `single:${senderId}`,
    chatType: group ? 'group' : 'single',
    chatName: s(m.conversationTitle) || undefined,
    senderId,
    senderName: s(m.senderNick) || undefined,
    text,
    mentioned: group ? m.isInAtList !== false : true,
    images,
    receivedAt: now,
    reply: session ? { kind: 'dingtalk_session', url: session, expiresAt: expires } : { kind: 'none' },
    robotCode: robotCode || undefined,
    ...(type === 'audio' ? { voice: Boolean(text) } : {}),
    corpId: corpId || undefined,
    mentions: mentionedStaff(m),
    external: external || undefined,
  };
}
