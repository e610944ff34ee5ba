import { IsNull } from 'typeorm';
import { HazardEntity, type Hazard } from '../../../entities/hazard.entity';
import { NoticeClaimEntity, type NoticeClaim } from '../../../entities/notice-claim.entity';
import { OutboxMessageEntity } from '../../../entities/outbox-message.entity';
import { Room, type Db } from './base';

/** Overdue notices owed to groups (one claim per hazard × level × day) and the hourly digest that tells them. */
export class NoticeRepository extends Room {
  /** The claim: an insert on the unique claim_key; true when this call made it. */
  claim(c: Omit<NoticeClaim, 'id'>): Promise<boolean> {
    return this.insertIgnore(NoticeClaimEntity, c);
  }

  /** Groups with claims no digest has told yet. */
  async groupsWithPending(): Promise<number[]> {
    const rows = await this.qb(NoticeClaimEntity, 'c').select('c.groupId', 'groupId').distinct(true).where('c.digestKey IS NULL').getRawMany();
    return rows.map((r) => Number(r.groupId));
  }

  /** A group's untold claims in order, at most `limit`, each with its hazard as it is now. */
  async pendingOf(groupId: number, limit: number): Promise<{ claimId: number; level: string; hazard: Hazard }[]> {
    const claims = await this.repo(NoticeClaimEntity).find({ where: { groupId, digestKey: IsNull() }, order: { id: 'ASC' }, take: limit });
    if (!claims.length) return [];
    const ids = [...new Set(claims.map((c) => c.hazardId))];
    const found = await this.qb(HazardEntity, 'h').where('h.id IN (:...ids)', { ids }).getMany();
    const byId = new Map(found.map((h) => [h.id, h]));
    return claims.flatMap((c) => (byId.has(c.hazardId) ? [{ claimId: c.id, level: c.level, hazard: byId.get(c.hazardId)! }] : []));
  }

  /** Marks the claims a digest covered (up to `maxId`, still untold). */
  async markTold(groupId: number, maxId: number, digestKey: string): Promise<void> {
    const qb = this.em.createQueryBuilder().update(NoticeClaimEntity).set({ digestKey })
      .where('group_id = :groupId AND digest_key IS NULL AND id <= :maxId', { groupId, maxId });
    await this.affected(qb);
  }

  /** The digest of this key is already in the outbox. */
  async digestQueued(dedupeKey: string): Promise<boolean> {
    return (await this.repo(OutboxMessageEntity).countBy({ dedupeKey })) > 0;
  }
}

export const notices = (db: Db) => new NoticeRepository(db);
