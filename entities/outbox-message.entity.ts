import { EntitySchema } from 'typeorm';
import { bool, int, ms, pk, str, text } from './columns';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/**
 * One message the bot must send exactly once. The unique dedupe key is claimed by insert before anything is
 * sent; a sender claims the row with a guarded UPDATE, sends, then records the outcome.
 */
export interface OutboxMessage {
  id: number;
  dedupeKey: string;
  kind: string;
  groupId: number | null;
  /** JSON: how to deliver (reply channel or group push). */
  route: string;
  /** JSON: the neutral outgoing message. */
  body: string;
  /** Rate-limit bucket: one per robot (20 a minute). */
  robotKey: string | null;
  urgent: boolean;
  /** Dedupe key of the row that must be sent (or given up) first: a picture waits for its text. */
  afterKey: string | null;
  status: OutboxStatus;
  attempts: number;
  notBefore: number;
  claimedBy: string | null;
  claimedAt: number | null;
  sentAt: number | null;
  lastError: string | null;
  createdAt: number;
}

export const OutboxMessageEntity = new EntitySchema<OutboxMessage>({
  name: 'OutboxMessage',
  tableName: 'outbox_message',
  columns: {
    id: pk,
    dedupeKey: { ...str(191), name: 'dedupe_key', unique: true },
    kind: str(32),
    groupId: { ...int(true), name: 'group_id' },
    route: text(false),
    body: text(false),
    robotKey: { ...str(191, true), name: 'robot_key' },
    urgent: bool(),
    afterKey: { ...str(191, true), name: 'after_key' },
    status: str(16),
    attempts: { ...int(), default: 0 },
    notBefore: { ...ms(), name: 'not_before' },
    claimedBy: { ...str(64, true), name: 'claimed_by' },
    claimedAt: { ...ms(true), name: 'claimed_at' },
    sentAt: { ...ms(true), name: 'sent_at' },
    lastError: { ...text(), name: 'last_error' },
    createdAt: { ...ms(), name: 'created_at' },
  },
  indices: [
    { name: 'ix_outbox_status_nb', columns: ['status', 'notBefore'] },
    { name: 'ix_outbox_robot_sent', columns: ['robotKey', 'sentAt'] },
  ],
});
