import { MoreThan } from 'typeorm';
import { ConversationAskEntity, type ConversationAsk } from '../../../entities/conversation-ask.entity';
import { Room, Statement, type Db } from './base';

const DROP = new Statement<{ groupId: number; memberId: number }>(['groupId', 'memberId'], (em) =>
  em.createQueryBuilder().delete().from(ConversationAskEntity).where('group_id = :groupId AND member_id = :memberId'),
);

/** The question the bot asked one person in one group about a vague report (one row per group and member). */
export class ConversationRepository extends Room {
  pending(groupId: number, memberId: number, now: number): Promise<ConversationAsk | null> {
    return this.repo(ConversationAskEntity).findOneBy({ groupId, memberId, expiresAt: MoreThan(now) });
  }

  /** Records the question, or replaces the one already asked of this person in this group. */
  async save(a: Omit<ConversationAsk, 'id'>): Promise<void> {
    if (await this.insertIgnore(ConversationAskEntity, a)) return;
    const { groupId, memberId, ...rest } = a;
    await this.repo(ConversationAskEntity).update({ groupId, memberId }, rest);
  }

  /** Runs after every report (the report answers whatever was being asked): built once. */
  async drop(groupId: number, memberId: number): Promise<void> {
    await DROP.run(this.db, { groupId, memberId });
  }
}

export const conversations = (db: Db) => new ConversationRepository(db);
