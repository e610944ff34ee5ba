import { EntitySchema } from 'typeorm';
import { int, ms, pk, str, text } from './columns';

export type InboundStatus = 'received' | 'processing' | 'done' | 'failed';

/** Every genuine inbound message, recorded before the ack; (platform, msg_id) is the dedupe key. */
export interface InboundMessage {
  id: number;
  platform: string;
  msgId: string;
  chatId: string;
  senderId: string;
  /** JSON of the neutral IncomingMessage, so a crash between ack and processing loses nothing. */
  payload: string;
  status: InboundStatus;
  attempts: number;
  claimedBy: string | null;
  claimedAt: number | null;
  receivedAt: number;
  doneAt: number | null;
}

export const InboundMessageEntity = new EntitySchema<InboundMessage>({
  name: 'InboundMessage',
  tableName: 'inbound_message',
  columns: {
    id: pk,
    platform: str(16),
    msgId: { ...str(191), name: 'msg_id' },
    chatId: { ...str(191), name: 'chat_id' },
    senderId: { ...str(191), name: 'sender_id' },
    payload: text(false),
    status: str(16),
    attempts: { ...int(), default: 0 },
    claimedBy: { ...str(64, true), name: 'claimed_by' },
    claimedAt: { ...ms(true), name: 'claimed_at' },
    receivedAt: { ...ms(), name: 'received_at' },
    doneAt: { ...ms(true), name: 'done_at' },
  },
  uniques: [{ name: 'uq_inbound_platform_msg', columns: ['platform', 'msgId'] }],
  indices: [{ name: 'ix_inbound_status', columns: ['status'] }],
});
