// DINGTALK_CARDS=interactive: a tap on a StandardCard request button arrives as a card callback (Stream topic
// /v1.0/card/instances/callback) that carries only outTrackId, userId and corpId — no signed message, no chat. It is
// taken only when all of these hold, and then enters the same ingest path as a WeCom tap (src/bot/taps.ts):
//  - the corp is this organisation's (DINGTALK_CORP_ID);
//  - outTrackId is a card we sent (dingtalk_card), and the chat is the one it went to (never one the callback names);
//  - the button's key is one the card shows now (a forged or stale key is not ours);
//  - the tapper is a known member whose unit is the chat's unit or above it (a single chat: that chat's own person).
// Anything else is acked and dropped: nothing is stored, nothing is answered.
import type { DataSource } from 'typeorm';
import { cardTappers, dingtalkCards } from '../../db/repositories/dingtalk-card.repository';
import type { IncomingMessage } from '../../platforms/types';

/** The callback, decoded by the platform adapter (src/platforms/dingtalk/interactive-card.ts). */
export interface DingtalkCardTap {
  /** The Stream frame's messageId: the same on a redelivery, so the ingest dedupe makes a repeat a no-op. */
  eventId: string;
  outTrackId: string;
  userId: string;
  corpId: string;
  /** The tap key the button carried; undefined when its id is not one of our encodings. */
  key: string | undefined;
}

export type CardTapVerdict = { ok: true; msg: IncomingMessage } | { ok: false; reason: string };

export async function dingtalkCardTapMessage(ds: DataSource, corpId: string | undefined, tap: DingtalkCardTap, now: number): Promise<CardTapVerdict> {
  if (!tap.eventId) return { ok: false, reason: 'frame without messageId' };
  if (!corpId || tap.corpId !== corpId) return { ok: false, reason: 'corpId is not this organisation' };
  if (!tap.key) return { ok: false, reason: 'button id is not a tap key' };
  const card = await dingtalkCards(ds).byBizId(tap.outTrackId);
  if (!card) return { ok: false, reason: 'outTrackId is not a card we sent' };
  if (!(JSON.parse(card.tapKeys) as string[]).includes(tap.key)) return { ok: false, reason: 'the card does not show this button' };
  const people = cardTappers(ds);
  const member = await people.member(tap.userId);
  if (!member || member.unitId === null) return { ok: false, reason: 'userId is not a member' };
  const single = card.chatId.startsWith('single:');
  if (single) {
    if (card.chatId !== `single:${tap.userId}`) return { ok: false, reason: 'a single-chat card tapped by someone else' };
  } else {
    const unitId = await people.chatUnit(card.chatId);
    if (unitId === null || !(await people.within(unitId, member.unitId))) return { ok: false, reason: 'the member is not of this chat\'s unit' };
  }
  return {
    ok: true,
    msg: {
      platform: 'dingtalk', msgId: `card:${tap.eventId}`.slice(0, 191), chatId: card.chatId, chatType: single ? 'single' : 'group',
      senderId: tap.userId, senderName: member.name, text: '', mentioned: true, images: [], receivedAt: now,
      reply: { kind: 'dingtalk_card', cardBizId: card.cardBizId }, corpId: tap.corpId,
      tap: { key: tap.key, version: null, taskId: card.cardBizId },
    },
  };
}

/** Records a card before it goes out, so its taps are recognised (and only its own buttons). */
export async function recordDingtalkCard(ds: DataSource, cardBizId: string, chatId: string, tapKeys: string[], now: number): Promise<void> {
  await dingtalkCards(ds).record({ cardBizId, chatId, tapKeys, now });
}

/** Claims the in-place update for a tap's answer (see DingtalkCardRepository.claimUpdate). */
export function claimDingtalkCardUpdate(ds: DataSource, cardBizId: string, tapSeq: number, tapKeys: string[], now: number): Promise<boolean> {
  return dingtalkCards(ds).claimUpdate(cardBizId, tapSeq, tapKeys, now);
}
