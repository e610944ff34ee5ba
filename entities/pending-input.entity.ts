import { EntitySchema } from 'typeorm';
import { int, ms, pk, str } from './columns';

/** The question a card tap asked one person in one chat (src/bot/taps.ts); read and written through src/db/repositories/pending-input.repository.ts. */
export interface PendingInput {
  id: number;
  platform: string;
  chatId: string;
  senderId: string;
  command: string;
  version: number | null;
  expiresAt: number;
  createdAt: number;
}

export const PendingInputEntity = new EntitySchema<PendingInput>({
  name: 'PendingInput',
  tableName: 'pending_input',
  columns: {
    id: pk,
    platform: str(16),
    chatId: { ...str(191), name: 'chat_id' },
    senderId: { ...str(191), name: 'sender_id' },
    command: str(191),
    version: int(true),
    expiresAt: { ...ms(), name: 'expires_at' },
    createdAt: { ...ms(), name: 'created_at' },
  },
  uniques: [{ name: 'uq_pending_input_who', columns: ['platform', 'chatId', 'senderId'] }],
});
