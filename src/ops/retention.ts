import type { DataSource } from 'typeorm';
import { exec, insertIgnore } from '../db/sql';
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
  column: 'payload' | 'body';
  at: 'received_at' | 'created_at';
  /** Only finished rows: a message not yet processed or failed for good, a push not yet sent or failed, keeps its data (support needs it). */
  done: string;
}

const TABLES: Table[] = [
  { name: 'inbound_message', column: 'payload', at: 'received_at', done: `status = 'done'` },
  { name: 'outbox_message', column: 'body', at: 'created_at', done: `status = 'sent'` },
];

async function watermark(ds: DataSource, key: string): Promise<number> {
  const rows: any[] = await ds.query(`SELECT value FROM app_setting WHERE setting_key = ?`, [key]);
  return rows[0] ? Number(rows[0].value) : 0;
}

async function setWatermark(ds: DataSource, key: string, id: number): Promise<void> {
  if (await insertIgnore(ds, 'app_setting', { setting_key: key, value: String(id) })) return;
  // Compared as numbers: the value is text, and two instances may prune at once (only forward).
  await exec(ds, `UPDATE app_setting SET value = ? WHERE setting_key = ? AND CAST(value AS DECIMAL(20,0)) < ?`, [String(id), key, id]);
}

/** One batch on one table; returns how many rows it cleared, or -1 when there is nothing older than the cutoff. */
async function pruneBatch(ds: DataSource, t: Table, cutoff: number, batch: number): Promise<number> {
  const key = `retention.${t.name}.id`;
  const from = await watermark(ds, key);
  const rows: any[] = await ds.query(`SELECT id, ${t.at} AS at FROM ${t.name} WHERE id > ? ORDER BY id LIMIT ${batch}`, [from]);
  // Up to the first row that is still inside the window: ids and times go up together, give or take a second.
  let upto = from;
  for (const r of rows) {
    if (Number(r.at) >= cutoff) break;
    upto = Number(r.id);
  }
  if (upto === from) return -1;
  const { affected } = await exec(ds, `UPDATE ${t.name} SET ${t.column} = ? WHERE id > ? AND id <= ? AND ${t.at} < ? AND ${t.done} AND ${t.column} <> ?`, [PRUNED, from, upto, cutoff, PRUNED]);
  await setWatermark(ds, key, upto);
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
