import { In, IsNull, Not } from 'typeorm';
import { ChatGroupEntity, type ChatGroup, type PushKind } from '../../../entities/chat-group.entity';
import { Room, type Db } from './base';

/**
 * The outbox's view of chat groups: which groups a push can go to and through what. The rows are the org's
 * chat_group rows; besides reads, this room writes only the group's Monday-digest switch.
 */
export class PushGroupRepository extends Room {
  byId(id: number): Promise<ChatGroup | null> {
    return this.repo(ChatGroupEntity).findOneBy({ id });
  }

  /** Groups bound to a unit, in id order (pushable or not: the caller applies the push rules). */
  bound(): Promise<ChatGroup[]> {
    return this.repo(ChatGroupEntity).find({ where: { unitId: Not(IsNull()) }, order: { id: 'ASC' } });
  }

  /** Groups that have a stored credential of one of these kinds (the doctor probes them). */
  withCredential(kinds: PushKind[]): Promise<ChatGroup[]> {
    return this.repo(ChatGroupEntity).find({ where: { pushKind: In(kinds), pushTarget: Not(IsNull()) }, order: { id: 'ASC' } });
  }
}

export const pushGroups = (db: Db) => new PushGroupRepository(db);
