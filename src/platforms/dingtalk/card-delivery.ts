// DINGTALK_CARDS=interactive: where a DingTalk message with a card goes as a StandardCard (replies, reminders,
// pushes into a group or a single chat), and how a tap's answer updates the tapped card in place.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { Card } from '../../services/cards/card';
import type { DeliveryResult, OutgoingMessage } from '../../services/outbox/outbox.types';
import { claimDingtalkCardUpdate, recordDingtalkCard } from '../../services/cards/dingtalk-card-taps';
import { renderFor } from '../render/targets';
import { sendDingtalkInteractiveCard, tapKeysOf, toStandardCardData, updateDingtalkInteractiveCard } from './interactive-card';
import type { DingtalkTokenCache } from './token-cache';

export interface CardDeliveryDeps {
  ds: DataSource;
  config: Config;
  dingtalkTokens: DingtalkTokenCache;
  now(): number;
}

/**
 * The switch: only DINGTALK_CARDS=interactive changes anything; the message must carry a card with buttons (a message
 * that @s someone stays markdown, as with the ActionCard).
 */
export function wantsInteractiveCard(config: Config, msg: OutgoingMessage): msg is OutgoingMessage & { card: Card } {
  const mentions = Boolean(msg.mentionMobiles?.length || msg.mentionUserIds?.length);
  return config.DINGTALK_CARDS === 'interactive' && Boolean(config.dingtalk && msg.card?.buttons.length) && msg.imageMediaId === undefined && !msg.files?.length && !mentions;
}

/**
 * The card's id at DingTalk (cardBizId = the callback's outTrackId): the card's own task id and the chat, so the same
 * card pushed to two chats is two cards, and an outbox retry sends the very same one (DingTalk treats it as idempotent).
 */
export function cardBizIdOf(card: Card, chatId: string): string {
  return `${card.taskId.slice(0, 100)}_${createHash('sha256').update(chatId).digest('hex').slice(0, 16)}`;
}

/** A new card into a chat (group: openConversationId; `single:<staffId>`: that person), recorded before it goes. */
export async function sendCardToChat(d: CardDeliveryDeps, chatId: string, openConversationId: string, msg: OutgoingMessage & { card: Card }): Promise<DeliveryResult> {
  const dt = d.config.dingtalk!;
  const cardBizId = cardBizIdOf(msg.card, chatId);
  await recordDingtalkCard(d.ds, cardBizId, chatId, tapKeysOf(msg.card), d.now());
  const to = chatId.startsWith('single:') ? { userId: chatId.slice('single:'.length) } : { openConversationId };
  return sendDingtalkInteractiveCard({
    apiBase: d.config.DINGTALK_API_BASE, tokens: d.dingtalkTokens.forApp(dt), robotCode: dt.robotCode ?? dt.appKey, cardBizId, to,
    cardData: toStandardCardData(msg.card, renderFor('dingtalk', msg.markdown)),
  });
}

/**
 * The answer to a tap, when it is a card: the tapped card shows the new state and its buttons (PUT interactiveCards).
 * The update is claimed first (dingtalk_card.updated_by), so an older tap's answer never overwrites a newer state and
 * each answer updates the card once; undefined when the answer is not a card (words go into the chat instead).
 */
export async function updateTappedCard(d: CardDeliveryDeps, cardBizId: string, tapSeq: number, msg: OutgoingMessage): Promise<DeliveryResult | undefined> {
  if (!msg.card || msg.imageMediaId !== undefined || msg.files?.length || !d.config.dingtalk) return undefined;
  if (!(await claimDingtalkCardUpdate(d.ds, cardBizId, tapSeq, tapKeysOf(msg.card), d.now()))) {
    return { ok: true, skipped: 'CARD_NEWER: a later tap already updated this card' };
  }
  return updateDingtalkInteractiveCard({
    apiBase: d.config.DINGTALK_API_BASE, tokens: d.dingtalkTokens.forApp(d.config.dingtalk), cardBizId,
    cardData: toStandardCardData(msg.card, renderFor('dingtalk', msg.markdown)),
  });
}
