import type { DataSource } from 'typeorm';
import { outbox, type OutboxMessage } from '../../db/repositories/outbox.repository';
import type { Logger } from '../../log/logger';
import { Every, KickLoop } from '../kick-loop';
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
  private release?: Every;
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
    const box = outbox(this.ds);
    if ((this.release ??= new Every(lease / 4)).due(now)) await box.releaseAbandoned(now - lease);
    const token = `${this.opts.instanceId}:${++this.seq}`.slice(0, 64);
    // A picture waits until the row before it (its text) is no longer pending or being sent.
    const rows = (await box.claimDue(token, now, this.opts.batch ?? 50)) === 0 ? [] : await box.claimed(token);
    const queue = [...rows];
    const workers = Array.from({ length: Math.min(this.opts.concurrency ?? 16, queue.length) }, async () => {
      for (let row = queue.shift(); row; row = queue.shift()) await this.sendRow(row, token);
    });
    await Promise.all(workers);
    return rows.length;
  }

  private async sendRow(row: OutboxMessage, token: string): Promise<void> {
    const { id } = row;
    const rows = outbox(this.ds);
    const route = JSON.parse(row.route) as OutboxRoute;
    // Every route takes its slot, replies included: a push knows its robot from enqueue; for the rest (replies, and
    // replies rerouted to the group) the deliverer tells which robot the route goes through.
    let rateKey: string | null = row.robotKey;
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
        await rows.handBack(id, token, { notBefore: wait, refund: true });
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
      await rows.handBack(id, token, { notBefore: now + 300, refund: true });
      return;
    }
    if (result.ok && result.skipped) {
      this.log.warn({ outboxId: id, kind: row.kind, reason: result.skipped }, 'push skipped');
      await rows.markSkipped(id, token, result.skipped.slice(0, 1000));
      return;
    }
    if (result.ok) {
      this.counters.sent++;
      pushesTotal.inc({ route: route.kind, result: 'sent' });
      await rows.markSent(id, token, now);
      return;
    }
    const { attempts } = row;
    const error = `${result.code}: ${result.message}`.slice(0, 1000);
    if (result.reroute) {
      // The same message, intact, through the next route; it takes that route's slot on the next pass.
      this.counters.rerouted++;
      this.log.info({ outboxId: id, kind: row.kind, code: result.code, from: route.kind, to: result.reroute.kind }, 'push rerouted');
      await rows.handBack(id, token, { notBefore: now, route: JSON.stringify(result.reroute), lastError: error });
      return;
    }
    if (result.retryable && result.retryAfterMs && now - row.createdAt < LOCKOUT_GIVE_UP_MS) {
      // A lockout (DingTalk 130101: ~10 minutes): every row of this robot waits it out; this attempt does not count.
      this.counters.lockouts++;
      pushesTotal.inc({ route: route.kind, result: 'retry' });
      rateLimitWaitsTotal.inc({ reason: 'platform' });
      const until = now + result.retryAfterMs + LOCKOUT_MARGIN_MS;
      if (rateKey) await blockRobot(this.ds, rateKey, until);
      this.log.warn({ outboxId: id, kind: row.kind, code: result.code, retryAt: until }, 'robot rate-limited; retrying after the block');
      await rows.handBack(id, token, { notBefore: until, refund: true, lastError: error });
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
        this.log.warn({ outboxId: id, code: result.code, route: route.kind, groupId: row.groupId, undeliverable: this.counters.undeliverable }, 'reply undeliverable: no route left');
      }
      await rows.markFailed(id, token, error);
      await this.opts.onPermanentFailure?.({ id, groupId: row.groupId, kind: row.kind, code: result.code, message: result.message });
    } else {
      this.counters.retried++;
      await rows.handBack(id, token, { notBefore: now + backoffMs(attempts, result.code), lastError: error });
    }
  }
}
