import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

/** What the local (sandbox) platform's groups show: the page polls this table. */
export interface SandboxMessage {
  id: number;
  groupId: number;
  direction: 'in' | 'out';
  senderName: string;
  text: string | null;
  markdown: string | null;
  imageUrls: string | null;
  /** JSON of the card shown under the message (services/cards/card.ts). */
  card: string | null;
  at: number;
}

export const SandboxMessageEntity = new EntitySchema<SandboxMessage>({
  name: 'SandboxMessage',
  tableName: 'sandbox_message',
  columns: {
    id: pk,
    groupId: { ...int(), name: 'group_id' },
    direction: str(8),
    senderName: { ...str(100), name: 'sender_name' },
    text: text(),
    markdown: text(),
    imageUrls: { ...text(), name: 'image_urls' },
    card: text(),
    at: ms(),
  },
});
