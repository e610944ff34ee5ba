import { EntitySchema } from 'typeorm';
import { bool, int, ms, pk, str, text } from './columns';

export type Platform = 'wecom' | 'dingtalk' | 'local';
export type PushKind = 'wecom_webhook' | 'dingtalk_group' | 'dingtalk_custom' | 'local';

/** A chat group the bot is in, bound to one unit, with how to push into it proactively. */
export interface ChatGroup {
  id: number;
  platform: Platform;
  chatId: string;
  unitId: number | null;
  name: string | null;
  pushKind: PushKind | null;
  /** wecom webhook key, dingtalk openConversationId (app robot) or custom-robot access token. A credential. */
  pushTarget: string | null;
  /** dingtalk custom robot 加签 secret. A credential. */
  pushSecret: string | null;
  /** Receives the Monday digest. */
  digest: boolean;
  createdAt: number;
}

export const ChatGroupEntity = new EntitySchema<ChatGroup>({
  name: 'ChatGroup',
  tableName: 'chat_group',
  columns: {
    id: pk,
    platform: str(16),
    chatId: { ...str(191), name: 'chat_id' },
    unitId: { ...int(true), name: 'unit_id' },
    name: str(100, true),
    pushKind: { ...str(32, true), name: 'push_kind' },
    pushTarget: { ...text(), name: 'push_target' },
    pushSecret: { ...text(), name: 'push_secret' },
    digest: bool(),
    createdAt: { ...ms(), name: 'created_at' },
  },
  uniques: [{ name: 'uq_chat_group_platform_chat', columns: ['platform', 'chatId'] }],
});
