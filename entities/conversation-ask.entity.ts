import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

/** A question the bot asked one person in one group about a vague report; their next message completes it. */
export interface ConversationAsk {
  id: number;
  groupId: number;
  memberId: number;
  text: string;
  asks: number;
  sourceMsg: string;
  createdAt: number;
  expiresAt: number;
}

export const ConversationAskEntity = new EntitySchema<ConversationAsk>({
  name: 'ConversationAsk',
  tableName: 'conversation_ask',
  columns: {
    id: pk,
    groupId: { ...int(), name: 'group_id' },
    memberId: { ...int(), name: 'member_id' },
    text: text(false),
    asks: { ...int(), default: 1 },
    sourceMsg: { ...str(191), name: 'source_msg' },
    createdAt: { ...ms(), name: 'created_at' },
    expiresAt: { ...ms(), name: 'expires_at' },
  },
  uniques: [{ name: 'uq_conversation_ask', columns: ['groupId', 'memberId'] }],
});
