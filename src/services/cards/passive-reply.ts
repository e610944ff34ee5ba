import type { DataSource } from 'typeorm';
import { taps } from '../../db/repositories/tap.repository';
import type { IncomingMessage } from '../../platforms/types';
import type { OutgoingMessage } from '../outbox/outbox.types';
import type { Card } from './card';

/**
 * A WeCom 智能机器人 template_card_event is posted once and dropped if unanswered within 5 s (doc 101027); the card is
 * updated only by the encrypted response to that request (doc 101031 回复消息更新模板卡片). The tap is stored and
 * processed like any message; its HTTP request waits up to this long for the answer and returns it as the update.
 */
export const TAP_PASSIVE_WAIT_MS = 3_500;
const POLL_MS = 40;

/** The dedupe key of a message's first reply (src/bot/dispatcher.ts). */
export const firstReplyKey = (inboundId: number) => `reply:${inboundId}:0`;

/**
 * When the first answer to a message should wait for its HTTP callback to take it (a card tap over the
 * 智能机器人 HTTP callback whose answer is a card): until then the sender leaves the row alone; after it (the request
 * is gone) the row goes through its route (response_url, the whole text) as before.
 */
export function passiveHold(msg: IncomingMessage, body: OutgoingMessage): number | undefined {
  if (!msg.tap?.taskId || msg.platform !== 'wecom' || msg.reply.kind !== 'wecom_response_url' || !body.card) return undefined;
  return msg.receivedAt + TAP_PASSIVE_WAIT_MS;
}

/**
 * Waits for the tap's first answer and takes it when it is a card (claimed in the database, so it is answered once:
 * here, or by the sender after the hold). Undefined when the answer is words only (a refusal, a question), when
 * there is no answer, or when the time is up: the callback is then acked empty and the answer goes its own way.
 */
export async function takeTapCard(ds: DataSource, msg: IncomingMessage, now: () => number, until = msg.receivedAt + TAP_PASSIVE_WAIT_MS): Promise<Card | undefined> {
  const room = taps(ds);
  // Waited in wall time: the bot's clock may be a test's or the sandbox's, which need not move.
  const deadline = Date.now() + (until - now());
  let inboundId: number | undefined;
  while (Date.now() < deadline) {
    const inbound = await room.inbound(msg.platform, msg.msgId);
    if (!inbound) return undefined;
    inboundId = inbound.id;
    const row = await room.reply(firstReplyKey(inboundId));
    if (row) {
      if (row.status !== 'pending') return undefined;
      const body = JSON.parse(row.body) as OutgoingMessage;
      if (!body.card) return undefined;
      return (await room.claimPassive(row.id, now())) ? body.card : undefined;
    }
    // Processed without an answer (a duplicate, nothing to say): nothing will come.
    if (inbound.status === 'done' || inbound.status === 'failed') return undefined;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return undefined;
}
