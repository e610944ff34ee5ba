import type { Logger } from '../log/logger';

/**
 * Runs `pass` now when kicked (coalescing kicks that arrive mid-pass into one more pass) and on a timer as a
 * safety net; keeps passing while a pass reports work done. Shared by the inbound worker and the outbox sender.
 */
export class KickLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly pass: () => Promise<number>, private readonly log: Logger, private readonly label: string) {}

  start(pollMs = 1000): void {
    this.timer = setInterval(() => void this.kick(), pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Runs a pass now (or right after the current one); resolves when the loop is idle again. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while ((await this.pass()) > 0 && !this.stopped);
        } while (this.again && !this.stopped);
      } catch (err: any) {
        this.log.error({ err: { message: err?.message, code: err?.code } }, `${this.label} pass failed`);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}

/**
 * "At most every `ms`" for a worker's housekeeping that only matters after a crash (taking back another worker's
 * expired claims): once per pass it costs a statement per message when messages arrive one by one. The first call is
 * always due. Skipping it only delays a recovery the lease already delays; nothing here has to happen exactly once.
 */
export class Every {
  private last = -Infinity;
  constructor(private readonly ms: number) {}
  due(now: number): boolean {
    if (now - this.last < this.ms && now >= this.last) return false;
    this.last = now;
    return true;
  }
}
