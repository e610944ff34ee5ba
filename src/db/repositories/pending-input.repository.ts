import { MoreThan } from 'typeorm';
import { PendingInputEntity, type PendingInput } from '../../../entities/pending-input.entity';
import { Room, type Db } from './base';

/** Who a question waits for: one person in one chat of one platform (the unique key uq_pending_input_who). */
export interface PendingWho {
  platform: string;
  chatId: string;
  senderId: string;
}

/** The question a card tap asked one person (驳回 → the reason, 已整改 → the measure), one at a time per person and chat. */
export class PendingInputRepository extends Room {
  /** The live question of this person in this chat, if any. */
  open(who: PendingWho, now: number): Promise<PendingInput | null> {
    return this.repo(PendingInputEntity).findOneBy({ ...who, expiresAt: MoreThan(now) });
  }

  /** Claims a question for its answer: true for exactly one caller (two instances, a redelivery). */
  async claim(id: number): Promise<boolean> {
    return (await this.affected(this.em.createQueryBuilder().delete().from(PendingInputEntity).where('id = :id', { id }))) > 0;
  }

  /** Asks anew: the person's earlier question in this chat gives way to this one. */
  async ask(row: Omit<PendingInput, 'id'>): Promise<void> {
    const { platform, chatId, senderId } = row;
    await this.repo(PendingInputEntity).delete({ platform, chatId, senderId });
    await this.insertIgnore(PendingInputEntity, row);
  }
}

export const pendingInputs = (db: Db) => new PendingInputRepository(db);
