import type { DataSource } from 'typeorm';
import { insertIgnore } from '../db/sql';
import type { IncomingMessage } from '../platforms/types';

/**
 * Records a genuine message before the ack. The unique (platform, msg_id) key turns platform redeliveries
 * into no-ops; the stored payload lets any instance process it later, even after a crash.
 */
export async function ingest(ds: DataSource, msg: IncomingMessage): Promise<'new' | 'duplicate'> {
  const inserted = await insertIgnore(ds, 'inbound_message', {
    platform: msg.platform,
    msg_id: msg.msgId.slice(0, 191),
    chat_id: msg.chatId.slice(0, 191),
    sender_id: msg.senderId.slice(0, 191),
    payload: JSON.stringify(msg),
    status: 'received',
    attempts: 0,
    received_at: msg.receivedAt,
  });
  return inserted ? 'new' : 'duplicate';
}
