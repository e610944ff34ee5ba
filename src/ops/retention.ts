import type { DataSource } from 'typeorm';
import { inbound } from '../db/repositories/inbound.repository';
import { outbox } from '../db/repositories/outbox.repository';
import { settings } from '../db/repositories/settings.repository';
import { DAY_MS } from '../services/time';

/**
 * Retention: raw inbound payloads and the bodies of sent pushes are cleared after RETENTION_DAYS. The rows stay
 * (a few hundred bytes each) with their unique keys, so a platform redelivery of an old msgId is still a duplicate
 * and a reminder key is never created twice; hazards, events, supervisions, filings, quarterly values and the audit
 * log are never touched. Work goes in small id-range batches behind a watermark (primary-key scans only, no index
 * needed), each its own short statement, so the webhook's insert never waits behind a long write.
 */
export const PRUNED = '';

interface Table {
  name: 'inbound_message' | 'outbox_message';
  /** Ids and times (received / created) after an id, in id order. */
  timesAfter(ds: DataSource, afterId: number, limit: number): Promise<{ id: number; at: number }[]>;
  /**
   * Clears the payload / body of rows in (afterId, upto] older than the cutoff. Only finished rows: a message not
   * yet processed or failed for good, a push not yet sent or failed, keeps its data (support needs it).
   */
  prune(ds: DataSource, afterId: number, upto: number, cutoff: number): Promise<number>;
}

const TABLES: Table[] = [
  { name: 'inbound_message', timesAfter: (ds, a, n) => inbound(ds).timesAfter(a, n), prune: (ds, a, u, c) => inbound(ds).prunePayloads(a, u, c, PRUNED) },
  { name: 'outbox_message', timesAfter: (ds, a, n) => outbox(ds).timesAfter(a, n), prune: (ds, a, u, c) => outbox(ds).pruneBodies(a, u, c, PRUNED) },
];

/** One batch on one table; returns how many rows it cleared, or -1 when there is nothing older than the cutoff. */
async function pruneBatch(ds: DataSource, t: Table, cutoff: number, batch: number): Promise<number> {
  const key = `retention.${t.name}.id`;
  const from = Number((await settings(ds).get(key)) ?? 0);
  const rows = await t.timesAfter(ds, from, batch);
  // Up to the first row that is still inside the window: ids and times go up together, give or take a second.
  let upto = from;
  for (const r of rows) {
    if (r.at >= cutoff) break;
    upto = r.id;
  }
  if (upto === from) return -1;
  const affected = await t.prune(ds, from, upto, cutoff);
  // Compared as numbers (the value is text); two instances may prune at once: the watermark only moves forward.
  await settings(ds).advance(key, String(upto), 'number');
  return affected;
}

export interface PruneResult {
  inbound: number;
  outbox: number;
}

/**
 * Clears what is older than `days` in batches of `batch`, pausing `pauseMs` between batches, until done or
 * `maxBatches` per table (the next run goes on). Safe to run in several instances at once.
 */
export async function pruneOld(ds: DataSource, now: number, days: number, opts: { batch?: number; maxBatches?: number; pauseMs?: number } = {}): Promise<PruneResult> {
  const cutoff = now - days * DAY_MS;
  const result = { inbound: 0, outbox: 0 };
  for (const t of TABLES) {
    for (let i = 0; i < (opts.maxBatches ?? 200); i++) {
      const n = await pruneBatch(ds, t, cutoff, opts.batch ?? 500);
      if (n < 0) break;
      result[t.name === 'inbound_message' ? 'inbound' : 'outbox'] += n;
      if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
    }
  }
  return result;
}
