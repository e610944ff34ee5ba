import type { DataSource } from 'typeorm';
import { exec } from '../../db/sql';
import type { Logger } from '../../log/logger';
import { KickLoop } from '../kick-loop';
import type { Clock } from '../clock';
import { takeSlot } from './rate-limit';
import type { Deliverer, DeliveryResult, OutboxRoute, OutgoingMessage } from './outbox.types';
import { pushesTotal, rateLimitWaitsTotal } from '../../metrics/metrics';

export interface SenderOptions {
  instanceId: string;
  /** A claim older than this is considered abandoned (its sender crashed) and is retried. */
  leaseMs?: number;
  batch?: number;
  concurrency?: number;
  maxAttempts?: number;
  /** Called once per permanently failed row (e.g. to tell the city admins). */
  onPermanentFailure?: (row: { id: number; groupId: number | null; kind: string; code: string; message: string }) => Promise<void>;
}

const RATE_CODES = new Set(['45009', '130101']);

export function backoffMs(attempts: number, code: string): number {
  if (RATE_CODES.has(code)) return 60_000;
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/** Claims due outbox rows in the database, sends each once, records the outcome. Safe with many instances. */
export class OutboxSender {
  private seq = 0;
  private readonly loop: KickLoop;

  constructor(
    private readonly ds: DataSource,
    private readonly deliverer: Deliverer,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: SenderOptions,
  ) {
    this.loop = new KickLoop(() => this.runOnce(), log, 'outbox');
  }

  start(pollMs = 1000): void {
    this.loop.start(pollMs);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Runs a pass now (or right after the current one). */
  kick(): Promise<void> {
    return this.loop.kick();
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** One claim-and-send pass; returns how many rows it claimed. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const lease = this.opts.leaseMs ?? 60_000;
    await exec(this.ds, `UPDATE outbox_message SET status = 'pending', claimed_by = NULL WHERE status = 'sending' AND claimed_at < ?`, [now - lease]);
    const token = `${this.opts.instanceId}:${++this.seq}`.slice(0, 64);
    const batch = this.opts.batch ?? 50;
    await exec(
      this.ds,
      `UPDATE outbox_message SET status = 'sending', claimed_by = ?, claimed_at = ?, attempts = attempts + 1
       WHERE status = 'pending' AND id IN (SELECT id FROM (SELECT id FROM outbox_message WHERE status = 'pending' AND not_before <= ?
       ORDER BY urgent DESC, not_before, id LIMIT ${batch}) AS due)`,
      [token, now, now],
    );
    const rows: any[] = await this.ds.query(`SELECT * FROM outbox_message WHERE claimed_by = ? AND status = 'sending' ORDER BY id`, [token]);
    const queue = [...rows];
    const workers = Array.from({ length: Math.min(this.opts.concurrency ?? 16, queue.length) }, async () => {
      for (let row = queue.shift(); row; row = queue.shift()) await this.sendRow(row, token);
    });
    await Promise.all(workers);
    return rows.length;
  }

  private async sendRow(row: any, token: string): Promise<void> {
    const id = Number(row.id);
    if (row.robot_key) {
      const wait = await takeSlot(this.ds, row.robot_key, this.clock.now());
      if (wait > 0) {
        rateLimitWaitsTotal.inc({ reason: 'robot' });
        await exec(this.ds, `UPDATE outbox_message SET status = 'pending', claimed_by = NULL, attempts = attempts - 1, not_before = ? WHERE id = ? AND claimed_by = ?`, [wait, id, token]);
        return;
      }
    }
    let result: DeliveryResult;
    const route = JSON.parse(row.route) as OutboxRoute;
    try {
      result = await this.deliverer.deliver(route, JSON.parse(row.body) as OutgoingMessage);
    } catch (err: any) {
      result = { ok: false, retryable: true, code: 'exception', message: String(err?.message ?? err) };
    }
    const now = this.clock.now();
    if (result.ok) {
      pushesTotal.inc({ route: route.kind, result: 'sent' });
      await exec(this.ds, `UPDATE outbox_message SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND claimed_by = ?`, [now, id, token]);
      return;
    }
    const attempts = Number(row.attempts);
    const giveUp = !result.retryable || attempts >= (this.opts.maxAttempts ?? 10);
    const error = `${result.code}: ${result.message}`.slice(0, 1000);
    this.log.warn({ outboxId: id, kind: row.kind, code: result.code, attempts, giveUp }, 'push failed');
    pushesTotal.inc({ route: route.kind, result: giveUp ? 'failed' : 'retry' });
    if (RATE_CODES.has(result.code)) rateLimitWaitsTotal.inc({ reason: 'platform' });
    if (giveUp) {
      await exec(this.ds, `UPDATE outbox_message SET status = 'failed', last_error = ? WHERE id = ? AND claimed_by = ?`, [error, id, token]);
      await this.opts.onPermanentFailure?.({ id, groupId: row.group_id === null ? null : Number(row.group_id), kind: row.kind, code: result.code, message: result.message });
    } else {
      await exec(this.ds, `UPDATE outbox_message SET status = 'pending', claimed_by = NULL, last_error = ?, not_before = ? WHERE id = ? AND claimed_by = ?`, [
        error, now + backoffMs(attempts, result.code), id, token,
      ]);
    }
  }
}
