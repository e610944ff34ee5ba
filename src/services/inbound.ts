// The inbound queue: genuine messages recorded before the ack (src/bot/ingest.ts) and claimed by workers
// (src/bot/worker.ts) on any instance. The claims and their semantics live in the inbound repository.
import type { DataSource } from 'typeorm';
import { inbound, type InboundMessage, type NewInboundRow } from '../db/repositories/inbound.repository';

export type { InboundMessage, NewInboundRow } from '../db/repositories/inbound.repository';
export type ClaimedInbound = Pick<InboundMessage, 'id' | 'payload' | 'attempts' | 'chatId' | 'senderId'>;

/** The ack's one statement: true when this call recorded the message, false for a redelivery (the unique key). */
export async function recordInbound(ds: DataSource, row: NewInboundRow): Promise<boolean> {
  return inbound(ds).record(row);
}

/** Takes back abandoned claims, claims up to `limit` received rows for `token` and returns them in id order. */
export async function claimInbound(ds: DataSource, token: string, now: number, leaseMs: number, limit: number, release = true): Promise<ClaimedInbound[]> {
  const rows = inbound(ds);
  if (release) await rows.releaseAbandoned(now - leaseMs);
  // Nothing claimed (the common pass when messages arrive one by one): no second statement.
  if ((await rows.claim(token, now, limit)) === 0) return [];
  return rows.claimed(token);
}

export async function finishInbound(ds: DataSource, id: number, token: string, now: number): Promise<void> {
  await inbound(ds).markDone(id, token, now);
}

/** Processing failed: back to `received` for another try, or `failed` for good. */
export async function returnInbound(ds: DataSource, id: number, token: string, status: 'received' | 'failed'): Promise<void> {
  await inbound(ds).giveBack(id, token, status);
}

/** Messages still to process (received or being processed), for /metrics. */
export function inboundBacklog(ds: DataSource): Promise<number> {
  return inbound(ds).backlog();
}
