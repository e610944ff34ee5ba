import type { DataSource } from 'typeorm';
import { insertIgnore } from '../db/sql';
import type { IncomingMessage } from '../platforms/types';

/** MySQL TEXT holds 65 535 bytes, and INSERT IGNORE would silently cut a longer payload into invalid JSON. */
const MAX_PAYLOAD_BYTES = 60_000;

/** The stored payload; over-long free text is shortened (a report stops at 2 000 characters anyway), never the ids. */
function storablePayload(msg: IncomingMessage): string {
  let payload = JSON.stringify(msg);
  let text = msg.text;
  while (Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES && text.length > 0) {
    text = text.slice(0, Math.floor(text.length * 0.8));
    payload = JSON.stringify({ ...msg, text });
  }
  return payload;
}

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
    payload: storablePayload(msg),
    status: 'received',
    attempts: 0,
    received_at: msg.receivedAt,
  });
  return inserted ? 'new' : 'duplicate';
}
