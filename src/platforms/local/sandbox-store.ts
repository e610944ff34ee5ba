import type { DataSource } from 'typeorm';
import { sandboxes } from '../../db/repositories/sandbox.repository';
import type { ChatGroup } from '../../../entities/chat-group.entity';
import type { Member } from '../../../entities/member.entity';

export interface SandboxEntry {
  groupId: number;
  direction: 'in' | 'out';
  senderName: string;
  text?: string;
  markdown?: string;
  imageUrls: string[];
  /** The card shown under the message (JSON of services/cards/card.ts Card). */
  card?: unknown;
  at: number;
}

/** What the sandbox groups show; in the database so a restart or a second instance shows the same history. */
export class SandboxStore {
  constructor(private readonly ds: DataSource) {}

  async append(e: SandboxEntry): Promise<number> {
    return sandboxes(this.ds).append({
      groupId: e.groupId, direction: e.direction, senderName: e.senderName.slice(0, 100), text: e.text ?? null, markdown: e.markdown ?? null,
      imageUrls: JSON.stringify(e.imageUrls), card: e.card ? JSON.stringify(e.card) : null, at: e.at,
    });
  }

  async after(seq: number, limit = 500): Promise<(SandboxEntry & { seq: number })[]> {
    return (await sandboxes(this.ds).after(seq, limit)).map((r) => ({
      seq: r.id, groupId: r.groupId, direction: r.direction, senderName: r.senderName,
      text: r.text ?? undefined, markdown: r.markdown ?? undefined, imageUrls: JSON.parse(r.imageUrls ?? '[]'), card: r.card ? JSON.parse(r.card) : undefined, at: r.at,
    }));
  }

  /** The local groups and people the sandbox page lists (platform 'local'). */
  groups(): Promise<ChatGroup[]> {
    return sandboxes(this.ds).localGroups();
  }

  group(id: number): Promise<ChatGroup | null> {
    return sandboxes(this.ds).localGroup(id);
  }

  members(): Promise<Member[]> {
    return sandboxes(this.ds).localMembers();
  }

  member(userId: string): Promise<Member | null> {
    return sandboxes(this.ds).localMember(userId);
  }

  /** True once the demo world (or any local group) exists. */
  hasGroups(): Promise<boolean> {
    return sandboxes(this.ds).hasLocalGroups();
  }
}
