import { IsNull } from 'typeorm';
import { ChatGroupEntity, type ChatGroup, type Platform, type PushKind } from '../../../entities/chat-group.entity';
import { InboundMessageEntity } from '../../../entities/inbound-message.entity';
import { Room, type Db } from './base';

/** Chat groups, the unit each is bound to, and how the bot pushes into them (credentials: never logged). */
export class GroupRepository extends Room {
  byChat(platform: Platform, chatId: string): Promise<ChatGroup | null> {
    return this.oneBy(ChatGroupEntity, { platform, chatId });
  }

  byId(id: number): Promise<ChatGroup | null> {
    return this.oneBy(ChatGroupEntity, { id });
  }

  ofUnit(unitId: number): Promise<ChatGroup[]> {
    return this.repo(ChatGroupEntity).find({ where: { unitId }, order: { id: 'ASC' } });
  }

  /** The group, created unbound on first sight (a keyed insert, so two first messages make one group). */
  async ensure(platform: Platform, chatId: string, name: string | null, now: number): Promise<ChatGroup> {
    const found = await this.byChat(platform, chatId);
    if (found) return found;
    await this.insertIgnore(ChatGroupEntity, { platform, chatId, unitId: null, name, digest: false, createdAt: now });
    return (await this.byChat(platform, chatId))!;
  }

  /** Binds an unbound group (keeping a name it has); false when someone bound it in between. */
  async bind(id: number, unitId: number, name: string): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(ChatGroupEntity)
      .set({ unitId, name: () => 'COALESCE(name, :fallbackName)' })
      .where({ id, unitId: IsNull() })
      .setParameter('fallbackName', name);
    return (await this.affected(qb)) === 1;
  }

  /** Moves a group from the unit it had when the caller checked; false when it moved in between. */
  async move(id: number, from: number, to: number): Promise<boolean> {
    const qb = this.em.createQueryBuilder().update(ChatGroupEntity).set({ unitId: to }).where({ id, unitId: from });
    return (await this.affected(qb)) === 1;
  }

  async setPush(id: number, kind: PushKind, target: string | null, secret: string | null): Promise<void> {
    await this.repo(ChatGroupEntity).update({ id }, { pushKind: kind, pushTarget: target, pushSecret: secret });
  }

  /**
   * Replaces the credentials in the stored inbound message that carried them (kept raw for retries, it has no
   * business holding a push key once the group stores it).
   */
  async scrubInbound(inboundId: number, secrets: readonly string[]): Promise<void> {
    const repo = this.repo(InboundMessageEntity);
    const row = await repo.findOne({ select: { id: true, payload: true }, where: { id: inboundId } });
    if (!row) return;
    const scrubbed = secrets.reduce((p, s) => p.split(s).join('***'), row.payload);
    await repo.update({ id: inboundId }, { payload: scrubbed });
  }
}

export const groups = (db: Db) => new GroupRepository(db);
