import { MoreThan } from 'typeorm';
import { ChatGroupEntity, type ChatGroup } from '../../../entities/chat-group.entity';
import { MemberEntity, type Member } from '../../../entities/member.entity';
import { SandboxMessageEntity, type SandboxMessage } from '../../../entities/sandbox-message.entity';
import { Room, run, type Db } from './base';

export type { SandboxMessage } from '../../../entities/sandbox-message.entity';

/**
 * The local (sandbox) platform: what its groups show, and the local groups and people the sandbox page lists.
 * Local groups and members are ordinary chat_group / member rows with platform 'local'; this room only reads them.
 */
export class SandboxRepository extends Room {
  /** Appends one message; returns its id (the page's sequence number). */
  async append(row: Omit<SandboxMessage, 'id'>): Promise<number> {
    const [sql, params] = this.em.createQueryBuilder().insert().into(SandboxMessageEntity).values(row).getQueryAndParameters();
    return Number((await run(this.db, sql, params)).insertId);
  }

  /** Messages after `seq`, in order, at most `limit`. */
  after(seq: number, limit: number): Promise<SandboxMessage[]> {
    return this.repo(SandboxMessageEntity).find({ where: { id: MoreThan(seq) }, order: { id: 'ASC' }, take: limit });
  }

  localGroups(): Promise<ChatGroup[]> {
    return this.repo(ChatGroupEntity).find({ where: { platform: 'local' }, order: { id: 'ASC' } });
  }

  localGroup(id: number): Promise<ChatGroup | null> {
    return this.repo(ChatGroupEntity).findOneBy({ platform: 'local', id });
  }

  /** True when the demo world (or any local group) exists. */
  async hasLocalGroups(): Promise<boolean> {
    return (await this.repo(ChatGroupEntity).countBy({ platform: 'local' })) > 0;
  }

  localMembers(): Promise<Member[]> {
    return this.repo(MemberEntity).find({ where: { platform: 'local' }, order: { unitId: 'ASC', id: 'ASC' } });
  }

  localMember(userId: string): Promise<Member | null> {
    return this.repo(MemberEntity).findOneBy({ platform: 'local', userId });
  }
}

export const sandboxes = (db: Db) => new SandboxRepository(db);
