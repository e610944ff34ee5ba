import { InboundMessageEntity, type InboundMessage } from '../../../entities/inbound-message.entity';
import { OutboxMessageEntity, type OutboxMessage } from '../../../entities/outbox-message.entity';
import { Room, type Db } from './base';

/** Who answered a row in the outbox when it went back in the HTTP response of the callback itself. */
export const PASSIVE_CLAIMANT = 'passive-reply';

/**
 * What a card tap's HTTP callback reads while it waits for its own answer (WeCom 智能机器人 template_card_event:
 * the card is updated by the response to that one request): the tap's inbound row and its first reply row.
 */
export class TapRepository extends Room {
  inbound(platform: string, msgId: string): Promise<Pick<InboundMessage, 'id' | 'status'> | null> {
    return this.repo(InboundMessageEntity).findOne({ select: { id: true, status: true }, where: { platform, msgId: msgId.slice(0, 191) } });
  }

  reply(dedupeKey: string): Promise<Pick<OutboxMessage, 'id' | 'status' | 'body'> | null> {
    return this.repo(OutboxMessageEntity).findOne({ select: { id: true, status: true, body: true }, where: { dedupeKey } });
  }

  /**
   * Takes a pending row to answer it in the callback's response: the same guarded UPDATE as the sender's claim, so
   * the row goes exactly once, either here or (when this loses, or the request is gone) through its route.
   */
  async claimPassive(id: number, now: number): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(OutboxMessageEntity)
      .set({ status: 'sent', claimedBy: PASSIVE_CLAIMANT, claimedAt: now, sentAt: now, attempts: () => 'attempts + 1' })
      .where('id = :id AND status = :pending', { id, pending: 'pending' });
    return (await this.affected(qb)) > 0;
  }
}

export const taps = (db: Db) => new TapRepository(db);
