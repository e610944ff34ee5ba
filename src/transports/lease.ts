import type { DataSource } from 'typeorm';
import { leases } from '../db/repositories/lease.repository';
import type { Logger } from '../log/logger';

/**
 * A lease in the database on one long connection: exactly one instance holds it; it renews every `renewMs` and a
 * holder that stops renewing (kill -9, partition) is replaced once `ttlMs` has passed. Times are wall-clock ms
 * (instances sharing a database are assumed NTP-synchronised to well under the TTL).
 */
export function tryAcquire(ds: DataSource, name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  return leases(ds).tryAcquire(name, holder, now, ttlMs);
}

/** Extends a lease this holder still has; false when another instance took it over. */
export function renew(ds: DataSource, name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
  return leases(ds).renew(name, holder, now, ttlMs);
}

/** Lets go at once (clean shutdown), so another instance takes over on its next poll instead of after the TTL. */
export function release(ds: DataSource, name: string, holder: string): Promise<void> {
  return leases(ds).release(name, holder);
}

export interface LeaseOptions {
  name: string;
  holder: string;
  ttlMs?: number;
  renewMs?: number;
  onAcquired(): void;
  /** Called when the lease is lost or can no longer be confirmed; the holder must drop the connection. */
  onLost(reason: string): void;
}

/** Keeps trying to hold one lease and says when it is won or lost. */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | null = null;
  private held = false;
  private confirmedAt = 0;
  private busy = false;
  private stopped = false;
  readonly ttlMs: number;
  readonly renewMs: number;

  constructor(private readonly ds: DataSource, private readonly log: Logger, private readonly opts: LeaseOptions) {
    this.ttlMs = opts.ttlMs ?? 8_000;
    this.renewMs = opts.renewMs ?? 2_000;
  }

  get isHeld(): boolean {
    return this.held;
  }

  start(): void {
    void this.step();
    this.timer = setInterval(() => void this.step(), this.renewMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.held) {
      this.held = false;
      await release(this.ds, this.opts.name, this.opts.holder).catch(() => undefined);
    }
  }

  private async step(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    const now = Date.now();
    try {
      if (this.held) {
        if (await renew(this.ds, this.opts.name, this.opts.holder, now, this.ttlMs)) this.confirmedAt = now;
        else this.lose('taken over by another instance');
      } else if (await tryAcquire(this.ds, this.opts.name, this.opts.holder, now, this.ttlMs)) {
        if (this.stopped) return void (await release(this.ds, this.opts.name, this.opts.holder));
        this.held = true;
        this.confirmedAt = now;
        this.log.info({ lease: this.opts.name, holder: this.opts.holder }, 'connection lease acquired');
        this.opts.onAcquired();
      }
    } catch (err: any) {
      // Database unreachable: keep the connection only while the last renewal still covers us, so two instances
      // never hold it at once; another instance can take over only after the same TTL.
      if (this.held && Date.now() - this.confirmedAt > this.ttlMs - this.renewMs) this.lose(`lease not renewable: ${err?.code ?? err?.message}`);
    } finally {
      this.busy = false;
    }
  }

  private lose(reason: string): void {
    if (!this.held) return;
    this.held = false;
    this.log.warn({ lease: this.opts.name, reason }, 'connection lease lost');
    this.opts.onLost(reason);
  }
}
