import type { DataSource } from 'typeorm';
import { recordInbound } from '../services/inbound';
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

/** WeCom gives up after 5 s and retries; a database that hangs (not refuses) must not hold the ack longer. */
export const INGEST_TIMEOUT_MS = 4000;

/**
 * Records a genuine message before the ack. The unique (platform, msg_id) key turns platform redeliveries
 * into no-ops; the stored payload lets any instance process it later, even after a crash. A database that does
 * not answer in time is a storage error (503, the platform retries); if the insert lands after all, the retry
 * finds it as a duplicate.
 */
export async function ingest(ds: DataSource, msg: IncomingMessage, timeoutMs = INGEST_TIMEOUT_MS): Promise<'new' | 'duplicate'> {
  // InnoDB may pick this insert as the victim of a deadlock with a worker's claim (gap locks on the status index):
  // the repository runs it again ("try restarting transaction"), as a platform that does not retry a 503 would lose it.
  const insert = recordInbound(ds, {
    platform: msg.platform,
    msgId: msg.msgId.slice(0, 191),
    chatId: msg.chatId.slice(0, 191),
    senderId: msg.senderId.slice(0, 191),
    payload: storablePayload(msg),
    receivedAt: msg.receivedAt,
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`database did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  try {
    return (await Promise.race([insert, late])) ? 'new' : 'duplicate';
  } finally {
    clearTimeout(timer);
  }
}
