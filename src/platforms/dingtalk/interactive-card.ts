// DINGTALK_CARDS=interactive: the enterprise-internal robot's 互动卡片（普通版）with the built-in StandardCard template,
// updated in place on a tap (docs/cards.md). Shapes from open-dingtalk/dingtalk-stream-sdk-python chatbot.py
// (reply_card / update_card), interactive_card.py (StandardCard cardData) and card_callback.py (the callback):
//  - send:   POST /v1.0/im/v1.0/robot/interactiveCards/send {cardTemplateId: "StandardCard", robotCode, cardBizId,
//            cardData: JSON string, openConversationId | singleChatReceiver: JSON string {userId}, sendOptions}
//  - update: PUT  /v1.0/im/robots/interactiveCards {cardBizId, cardData: JSON string}
//  - tap:    Stream CALLBACK topic /v1.0/card/instances/callback, data {type: "actionCallback", outTrackId (= cardBizId),
//            userId, corpId, content: JSON string {cardPrivateData: {actionIds: [button id], params}}}
import type { Card } from '../../services/cards/card';
import { classifyDingtalkApiError, isDingtalkAuthError, pushFailure, PUSH_OK, redactText, type PushResult } from '../push-result';
import { DINGTALK_API_BASE, type DingtalkTokenSource } from './token-cache';

export const TOPIC_CARD = '/v1.0/card/instances/callback';
export const STANDARD_CARD = 'StandardCard';
const CARD_TEXT_MAX = 5_000;

/**
 * A request button's id is the tap key itself (the typed command key WeCom's buttons carry), base64url so it is a
 * plain identifier; the callback hands it back in actionIds. It is taken only when it is one of the keys the stored
 * card shows (src/services/cards/dingtalk-card-taps.ts).
 */
export function actionIdOf(key: string): string {
  return `k_${Buffer.from(key, 'utf8').toString('base64url')}`;
}

export function keyOfActionId(id: string): string | undefined {
  if (!/^k_[A-Za-z0-9_-]{1,400}$/.test(id)) return undefined;
  const key = Buffer.from(id.slice(2), 'base64url').toString('utf8');
  return actionIdOf(key) === id ? key : undefined;
}

/** The tap keys a card shows (its buttons), as recorded for the callback check. */
export const tapKeysOf = (card: Card): string[] => card.buttons.slice(0, 6).map((b) => b.key);

/** StandardCard cardData: the title, the message's own markdown (it names the commands too), the buttons as request actions. */
export function toStandardCardData(card: Card, markdown: string) {
  const text = [...markdown].length > CARD_TEXT_MAX ? `${[...markdown].slice(0, CARD_TEXT_MAX - 1).join('')}…` : markdown;
  const contents: Record<string, unknown>[] = [{ type: 'markdown', text: text || card.title, id: 'markdown_body' }];
  const buttons = card.buttons.slice(0, 6);
  if (buttons.length) {
    contents.push({
      type: 'action',
      actions: buttons.map((b, i) => ({
        type: 'button', label: { type: 'text', text: b.label, id: `label_${i}` }, actionType: 'request',
        status: b.style === 'primary' ? 'primary' : 'normal', id: actionIdOf(b.key),
      })),
      id: 'action_buttons',
    });
  }
  return { config: { autoLayout: true, enableForward: true }, header: { title: { type: 'text', text: card.title.slice(0, 60) } }, contents };
}

export type CardReceiver = { openConversationId: string } | { userId: string };

export function buildSendCardBody(robotCode: string, cardBizId: string, to: CardReceiver, cardData: unknown) {
  return {
    cardTemplateId: STANDARD_CARD, robotCode, cardBizId, cardData: JSON.stringify(cardData), sendOptions: { atAll: false },
    ...('openConversationId' in to ? { openConversationId: to.openConversationId } : { singleChatReceiver: JSON.stringify({ userId: to.userId }) }),
  };
}

interface ApiCall {
  apiBase?: string;
  tokens: DingtalkTokenSource;
  timeoutMs?: number;
}

/** A v1.0 API call with the app's token; a rejected token is refetched once. */
async function callApi(method: 'POST' | 'PUT', path: string, body: unknown, opts: ApiCall): Promise<PushResult> {
  const url = `${(opts.apiBase ?? DINGTALK_API_BASE).replace(/\/+$/, '')}${path}`;
  for (let attempt = 0; ; attempt++) {
    const token = await opts.tokens.get();
    if (!token.ok) return token;
    let status: number;
    let json: unknown;
    try {
      const res = await fetch(url, {
        method, headers: { 'content-type': 'application/json; charset=utf-8', 'x-acs-dingtalk-access-token': token.token },
        body: JSON.stringify(body), signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      status = res.status;
      const text = await res.text();
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
    } catch (err: any) {
      const timeout = err?.name === 'TimeoutError' || err?.name === 'AbortError';
      return pushFailure(timeout ? 'TIMEOUT' : 'NETWORK', redactText(`${method} ${path}: ${err?.cause?.code ?? err?.message ?? err}`, [token.token]), true);
    }
    const code = String((json as { code?: unknown } | undefined)?.code ?? '');
    if (status >= 200 && status < 300 && !code) return PUSH_OK;
    if (isDingtalkAuthError(status, code)) {
      opts.tokens.invalidate(token.token);
      if (attempt === 0) continue;
    }
    return classifyDingtalkApiError(status, json, [token.token]);
  }
}

/** Sends a new card; the same cardBizId again (an outbox retry) is the same card (DingTalk: 卡片幂等ID). */
export function sendDingtalkInteractiveCard(opts: ApiCall & { robotCode: string; cardBizId: string; to: CardReceiver; cardData: unknown }): Promise<PushResult> {
  return callApi('POST', '/v1.0/im/v1.0/robot/interactiveCards/send', buildSendCardBody(opts.robotCode, opts.cardBizId, opts.to, opts.cardData), opts);
}

/** Replaces a sent card's content (the tapped card shows the new state and its buttons). */
export function updateDingtalkInteractiveCard(opts: ApiCall & { cardBizId: string; cardData: unknown }): Promise<PushResult> {
  return callApi('PUT', '/v1.0/im/robots/interactiveCards', { cardBizId: opts.cardBizId, cardData: JSON.stringify(opts.cardData) }, opts);
}

/** A card callback as the Stream topic delivers it; undefined for anything that is not a button's actionCallback. */
export interface DingtalkCardCallback {
  outTrackId: string;
  userId: string;
  corpId: string;
  actionId: string;
}

const s = (v: unknown): string => (typeof v === 'string' ? v : '');

export function decodeDingtalkCardCallback(data: string): DingtalkCardCallback | undefined {
  let m: any;
  try {
    m = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!m || typeof m !== 'object' || (m.type !== undefined && m.type !== 'actionCallback')) return undefined;
  let content: any = m.content;
  if (typeof content === 'string') {
    try {
      content = JSON.parse(content);
    } catch {
      return undefined;
    }
  }
  const ids = content?.cardPrivateData?.actionIds;
  // One button per tap; a callback naming several is not one of ours.
  if (!Array.isArray(ids) || ids.length !== 1 || typeof ids[0] !== 'string') return undefined;
  const out = { outTrackId: s(m.outTrackId), userId: s(m.userId), corpId: s(m.corpId), actionId: ids[0] };
  return out.outTrackId && out.userId && out.actionId ? out : undefined;
}
