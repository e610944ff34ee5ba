import { DingtalkCardEntity, type DingtalkCard } from '../../../entities/dingtalk-card.entity';
import { ChatGroupEntity } from '../../../entities/chat-group.entity';
import { MemberEntity, type Member } from '../../../entities/member.entity';
import { UnitEntity } from '../../../entities/unit.entity';
import { Room, type Db } from './base';

/** The DingTalk StandardCard interactive cards the robot sent (DINGTALK_CARDS=interactive), one row per cardBizId. */
export class DingtalkCardRepository extends Room {
  /** Before the card goes out (so a tap can never come first); a resend of the same card (a retry) keeps the row. */
  async record(row: { cardBizId: string; chatId: string; tapKeys: string[]; now: number }): Promise<void> {
    await this.insertIgnore(DingtalkCardEntity, {
      cardBizId: row.cardBizId, chatId: row.chatId, tapKeys: JSON.stringify(row.tapKeys), updatedBy: null, createdAt: row.now, updatedAt: row.now,
    });
  }

  byBizId(cardBizId: string): Promise<DingtalkCard | null> {
    return this.repo(DingtalkCardEntity).findOneBy({ cardBizId: cardBizId.slice(0, 128) });
  }

  /**
   * Claims the update in place for the answer to tap `tapSeq` (its inbound_message id, increasing in arrival order on
   * every instance): true when no later tap's answer has updated the card (so an older answer never overwrites a newer
   * state); the same tap again (the outbox retrying a failed PUT) claims again and sends the same card. The card's keys
   * become the new state's.
   */
  async claimUpdate(cardBizId: string, tapSeq: number, tapKeys: string[], now: number): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(DingtalkCardEntity)
      .set({ tapKeys: JSON.stringify(tapKeys), updatedBy: tapSeq, updatedAt: now })
      .where('card_biz_id = :cardBizId AND (updated_by IS NULL OR updated_by <= :tapSeq)', { cardBizId, tapSeq });
    return (await this.affected(qb)) > 0;
  }
}

/** Who may tap a DingTalk card: a known member of the organisation whose unit is the chat's unit or above it. */
export class CardTapperRepository extends Room {
  member(userId: string): Promise<Member | null> {
    return this.repo(MemberEntity).findOneBy({ platform: 'dingtalk', userId: userId.slice(0, 191) });
  }

  async chatUnit(chatId: string): Promise<number | null> {
    const g = await this.repo(ChatGroupEntity).findOne({ select: { id: true, unitId: true }, where: { platform: 'dingtalk', chatId } });
    return g?.unitId ?? null;
  }

  /** True when unit `inner` is `outer` or below it (school → district → city: a few steps). */
  async within(inner: number, outer: number): Promise<boolean> {
    let id: number | null = inner;
    for (let steps = 0; id !== null && steps < 8; steps++) {
      if (id === outer) return true;
      const u: { parentId: number | null } | null = await this.repo(UnitEntity).findOne({ select: { id: true, parentId: true }, where: { id } });
      id = u?.parentId ?? null;
    }
    return false;
  }
}

export const cardTappers = (db: Db) => new CardTapperRepository(db);

export const dingtalkCards = (db: Db) => new DingtalkCardRepository(db);
