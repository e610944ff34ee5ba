import type { DataSource } from 'typeorm';
import type { Logger } from '../log/logger';
import { Every, KickLoop } from '../services/kick-loop';
import type { Clock } from '../services/clock';
import type { IncomingMessage } from '../platforms/types';
import type { Dispatcher } from './dispatcher';
import { isDbError } from '../services/errors';
import { claimInbound, finishInbound, returnInbound, type ClaimedInbound } from '../services/inbound';
import { dbErrorsTotal, processingSeconds, threadName } from '../metrics/metrics';

const MAX_ATTEMPTS = 5;

/**
 * Processes recorded inbound messages off the ack path. Rows are claimed in the database, so any instance may
 * take them and a crash mid-way leaves them to be taken again after the lease.
 */
export class InboundWorker {
  private seq = 0;
  private readonly loop: KickLoop;
  private readonly release: Every;

  constructor(
    private readonly ds: DataSource,
    private readonly dispatcher: Dispatcher,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly instanceId: string,
    private readonly leaseMs = 120_000,
  ) {
    this.loop = new KickLoop(() => this.runOnce(), log, 'inbound');
    this.release = new Every(leaseMs / 4);
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

  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const token = `${this.instanceId}:${++this.seq}`.slice(0, 64);
    const rows = await claimInbound(this.ds, token, now, this.leaseMs, 32, this.release.due(now));
    // In order per person in a chat (their photo follows their report); everyone else in parallel, so one slow
    // LLM call or one busy school does not hold up the rest.
    const byChat = new Map<string, ClaimedInbound[]>();
    for (const r of rows) byChat.set(`${r.chatId}\u0000${r.senderId}`, [...(byChat.get(`${r.chatId}\u0000${r.senderId}`) ?? []), r]);
    const lanes = [...byChat.values()];
    const work = Array.from({ length: Math.min(8, lanes.length) }, async () => {
      for (let lane = lanes.shift(); lane; lane = lanes.shift()) for (const r of lane) await this.processRow(r, token);
    });
    await Promise.all(work);
    return rows.length;
  }

  private async processRow(row: ClaimedInbound, token: string): Promise<void> {
    const { id } = row;
    const end = processingSeconds.startTimer();
    try {
      const msg = JSON.parse(row.payload) as IncomingMessage;
      await this.dispatcher.handle(id, msg);
      await finishInbound(this.ds, id, token, this.clock.now());
      end({ result: 'ok' });
    } catch (err: any) {
      end({ result: 'error' });
      if (isDbError(err)) dbErrorsTotal.inc({ thread: threadName });
      const { attempts } = row;
      const status = attempts >= MAX_ATTEMPTS ? 'failed' : 'received';
      this.log.error({ inboundId: id, attempts, err: { message: err?.message, code: err?.code } }, 'message processing failed');
      await returnInbound(this.ds, id, token, status).catch(() => undefined);
    }
  }
}
