import type { DataSource } from 'typeorm';
import { exec } from '../../db/sql';
import type { Logger } from '../../log/logger';
import { KickLoop } from '../kick-loop';
import type { Clock } from '../clock';
import { blockRobot, takeSlot } from './rate-limit';
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
/** A row that keeps meeting rate-limit lockouts is given up after a day, so a permanently throttled robot ends. */
const LOCKOUT_GIVE_UP_MS = 24 * 3600_000;
/** Margin after the platform's block, so the retry lands after it rather than on its edge. */
const LOCKOUT_MARGIN_MS = 5_000;

export function backoffMs(attempts: number, code: string): number {
  if (RATE_CODES.has(code)) return 60_000;
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/** What the sender did, for logs and /metrics. `undeliverable`: rows given up with no route left. */
export interface SenderCounters {
  sent: number;
  retried: number;
  rerouted: number;
  lockouts: number;
  failed: number;
  undeliverable: number;
}

/** Claims due outbox rows in the database, sends each once, records the outcome. Safe with many instances. */
export class OutboxSender {
  private seq = 0;
  private readonly loop: KickLoop;
  readonly counters: SenderCounters = { sent: 0, retried: 0, rerouted: 0, lockouts: 0, failed: 0, undeliverable: 0 };

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
      // A picture waits until the row before it (its text) is no longer pending or being sent.
      `UPDATE outbox_message SET status = 'sending', claimed_by = ?, claimed_at = ?, attempts = attempts + 1
       WHERE status = 'pending' AND id IN (SELECT id FROM (SELECT o.id FROM outbox_message o WHERE o.status = 'pending' AND o.not_before <= ?
       AND (o.after_key IS NULL OR NOT EXISTS (SELECT 1 FROM outbox_message p WHERE p.dedupe_key = o.after_key AND p.status IN ('pending', 'sending')))
       ORDER BY o.urgent DESC, o.not_before, o.id LIMIT ${batch}) AS due)`,
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
    const route = JSON.parse(row.route) as OutboxRoute;
    // Every route takes its slot, replies included: a push knows its robot from enqueue; for the rest (replies, and
    // replies rerouted to the group) the deliverer tells which robot the route goes through.
    let rateKey: string | null = row.robot_key ?? null;
    if (!rateKey) {
      try {
        rateKey = (await this.deliverer.rateKey?.(route)) ?? null;
      } catch (err: any) {
        this.log.warn({ outboxId: id, err: err?.message }, 'could not tell the rate-limit bucket');
      }
    }
    if (rateKey) {
      const wait = await takeSlot(this.ds, rateKey, this.clock.now());
      if (wait > 0) {
        rateLimitWaitsTotal.inc({ reason: 'robot' });
        await exec(this.ds, `UPDATE outbox_message SET status = 'pending', claimed_by = NULL, attempts = attempts - 1, not_before = ? WHERE id = ? AND claimed_by = ?`, [wait, id, token]);
        return;
      }
    }
    let result: DeliveryResult;
    try {
      result = await this.deliverer.deliver(route, JSON.parse(row.body) as OutgoingMessage);
    } catch (err: any) {
      result = { ok: false, retryable: true, code: 'exception', message: String(err?.message ?? err) };
    }
    const now = this.clock.now();
    if (!result.ok && result.code === 'SOCKET_ELSEWHERE') {
      // Only the instance holding the long connection can send this row (src/transports/socket-routes.ts).
      await exec(this.ds, `UPDATE outbox_message SET status = 'pending', claimed_by = NULL, attempts = attempts - 1, not_before = ? WHERE id = ? AND claimed_by = ?`, [now + 300, id, token]);
      return;
    }
    if (result.ok && result.skipped) {
      this.log.warn({ outboxId: id, kind: row.kind, reason: result.skipped }, 'push skipped');
      await exec(this.ds, `UPDATE outbox_message SET status = 'skipped', last_error = ? WHERE id = ? AND claimed_by = ?`, [result.skipped.slice(0, 1000), id, token]);
      return;
    }
    if (result.ok) {
      this.counters.sent++;
      pushesTotal.inc({ route: route.kind, result: 'sent' });
      await exec(this.ds, `UPDATE outbox_message SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND claimed_by = ?`, [now, id, token]);
      return;
    }
    const attempts = Number(row.attempts);
    const error = `${result.code}: ${result.message}`.slice(0, 1000);
    if (result.reroute) {
      // The same message, intact, through the next route; it takes that route's slot on the next pass.
      this.counters.rerouted++;
      this.log.info({ outboxId: id, kind: row.kind, code: result.code, from: route.kind, to: result.reroute.kind }, 'push rerouted');
      await exec(this.ds, `UPDATE outbox_message SET status = 'pending', claimed_by = NULL, route = ?, last_error = ?, not_before = ? WHERE id = ? AND claimed_by = ?`, [
        JSON.stringify(result.reroute), error, now, id, token,
      ]);
      return;
    }
    if (result.retryable && result.retryAfterMs && now - Number(row.created_at) < LOCKOUT_GIVE_UP_MS) {
      // A lockout (DingTalk 130101: ~10 minutes): every row of this robot waits it out; this attempt does not count.
      this.counters.lockouts++;
      pushesTotal.inc({ route: route.kind, result: 'retry' });
      rateLimitWaitsTotal.inc({ reason: 'platform' });
      const until = now + result.retryAfterMs + LOCKOUT_MARGIN_MS;
      if (rateKey) await blockRobot(this.ds, rateKey, until);
      this.log.warn({ outboxId: id, kind: row.kind, code: result.code, retryAt: until }, 'robot rate-limited; retrying after the block');
      await exec(this.ds, `UPDATE outbox_message SET status = 'pending', claimed_by = NULL, attempts = attempts - 1, last_error = ?, not_before = ? WHERE id = ? AND claimed_by = ?`, [
        error, until, id, token,
      ]);
      return;
    }
    const giveUp = !result.retryable || attempts >= (this.opts.maxAttempts ?? 10);
    this.log.warn({ outboxId: id, kind: row.kind, code: result.code, attempts, giveUp }, 'push failed');
    pushesTotal.inc({ route: route.kind, result: giveUp ? 'failed' : 'retry' });
    if (RATE_CODES.has(result.code)) rateLimitWaitsTotal.inc({ reason: 'platform' });
    if (giveUp) {
      this.counters.failed++;
      if (row.kind === 'reply') {
        // Replies are not alerted to the city group; this line and the counter are how an operator learns of it.
        this.counters.undeliverable++;
        this.log.warn({ outboxId: id, code: result.code, route: route.kind, groupId: row.group_id, undeliverable: this.counters.undeliverable }, 'reply undeliverable: no route left');
      }
      await exec(this.ds, `UPDATE outbox_message SET status = 'failed', last_error = ? WHERE id = ? AND claimed_by = ?`, [error, id, token]);
      await this.opts.onPermanentFailure?.({ id, groupId: row.group_id === null ? null : Number(row.group_id), kind: row.kind, code: result.code, message: result.message });
    } else {
      this.counters.retried++;
      await exec(this.ds, `UPDATE outbox_message SET status = 'pending', claimed_by = NULL, last_error = ?, not_before = ? WHERE id = ? AND claimed_by = ?`, [
        error, now + backoffMs(attempts, result.code), id, token,
      ]);
    }
  }
}
