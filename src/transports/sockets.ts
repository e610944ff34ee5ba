// The long-connection modes (docs/socket-modes.md): WeCom 智能机器人 over one leased WebSocket per robot, DingTalk
// Stream on every instance. Frames decode to the same IncomingMessage and go through the same ingest as webhooks.
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../log/logger';
import type { Clock } from '../services/clock';
import type { IncomingMessage } from '../platforms/types';
import { isDbError } from '../db/errors';
import { WecomWsClient, reqId, type WsFrame } from '../platforms/wecom/ws-client';
import { decodeWecomWsCallback } from '../platforms/wecom/ws-decode';
import { WecomPayloadError } from '../platforms/wecom/decode';
import { DingtalkStreamClient } from '../platforms/dingtalk/stream-client';
import { decodeDingtalk, DingtalkPayloadError } from '../platforms/dingtalk/decode';
import { decodeDingtalkCardCallback, keyOfActionId } from '../platforms/dingtalk/interactive-card';
import { dingtalkCardTapMessage } from '../services/cards/dingtalk-card-taps';
import type { StreamFrame } from '../platforms/dingtalk/stream-client';
import { LeaseKeeper } from './lease';
import type { ConnectionStatus } from './socket-connection';
import { SOCKET_TEXTS } from './texts';

export interface SocketStatus extends ConnectionStatus {
  /** WeCom: this instance holds the robot's lease (only the holder keeps a socket open). */
  leaseHeld?: boolean;
}

export interface SocketDeps {
  ds: DataSource;
  config: Config;
  log: Logger;
  clock: Clock;
  accept(msg: IncomingMessage): Promise<'new' | 'duplicate'>;
  /** Tests shorten the lease; production keeps 8 s TTL renewed every 2 s (failover well under 15 s). */
  lease?: { ttlMs?: number; renewMs?: number };
  replacedHoldMs?: number;
  /** The WeCom socket is up again: rows that waited for it are due now. */
  onWecomUp?(): void;
}

export const wecomLeaseName = (botId: string) => `wecom-ws:${botId}`.slice(0, 64);

export class SocketModes {
  readonly wecom: WecomWsClient | null = null;
  readonly dingtalk: DingtalkStreamClient | null = null;
  private readonly lease: LeaseKeeper | null = null;

  constructor(private readonly deps: SocketDeps) {
    const { config, log } = deps;
    const beat = { heartbeatMs: config.SOCKET_HEARTBEAT_MS };
    if (config.wecomWs) {
      const ws = config.wecomWs;
      this.wecom = new WecomWsClient({ ...beat, url: ws.url, botId: ws.botId, secret: ws.secret, log, onCallback: (f) => this.onWecom(f), replacedHoldMs: deps.replacedHoldMs, onUp: deps.onWecomUp });
      const client = this.wecom;
      // WeCom keeps one connection per robot and a new one replaces the old: instances must not take turns.
      this.lease = new LeaseKeeper(deps.ds, log, {
        name: wecomLeaseName(ws.botId), holder: config.instanceId, ...deps.lease,
        onAcquired: () => client.start(),
        onLost: () => void client.socket.stop('standby'),
      });
    }
    if (config.dingtalkStream && config.dingtalk) {
      const dt = config.dingtalk;
      // Every instance connects: DingTalk spreads an app's messages over its open connections, and a dead
      // connection's unacked frames go to the others, so there is nothing to fail over. Dedupe makes repeats no-ops.
      this.dingtalk = new DingtalkStreamClient({ ...beat, apiBase: config.DINGTALK_API_BASE, clientId: dt.appKey, clientSecret: dt.appSecret, log, onRobotMessage: (data) => this.onDingtalk(data),
        ...(config.DINGTALK_CARDS === 'interactive' ? { onCardCallback: (data: string, f: StreamFrame) => this.onDingtalkCard(data, f) } : {}) });
    }
  }

  get any(): boolean {
    return Boolean(this.wecom || this.dingtalk);
  }

  /** Does this instance hold the WeCom robot's socket? (Replies over it can only be sent here.) */
  get wecomHeld(): boolean {
    return Boolean(this.lease?.isHeld);
  }

  start(): void {
    this.lease?.start();
    this.dingtalk?.start();
  }

  /** Closes the sockets and lets go of the lease, so another instance takes over on its next poll. */
  async stop(): Promise<void> {
    await Promise.all([this.dingtalk?.stop(), (async () => {
      await this.wecom?.stop();
      await this.lease?.stop();
    })()]);
  }

  status(): SocketStatus[] {
    const out: SocketStatus[] = [];
    if (this.wecom) out.push({ ...this.wecom.socket.status, leaseHeld: this.wecomHeld });
    if (this.dingtalk) out.push({ ...this.dingtalk.socket.status });
    return out;
  }

  private async onWecom(f: WsFrame): Promise<void> {
    // Messages, and card taps among the events (enter_chat, feedback: nothing to store).
    if (f.cmd !== 'aibot_msg_callback' && f.cmd !== 'aibot_event_callback') return;
    let msg: IncomingMessage | undefined;
    try {
      msg = decodeWecomWsCallback(f.body, f.headers.req_id, this.deps.clock.now());
    } catch (err) {
      if (err instanceof WecomPayloadError) return void this.deps.log.warn({ reason: err.message }, 'wecom frame refused');
      throw err;
    }
    if (!msg) return;
    try {
      await this.deps.accept(msg);
    } catch (err: any) {
      if (!isDbError(err) && err?.code !== 'ETIMEDOUT') throw err;
      // The long connection has no per-frame ack to withhold, so say it through the frame rather than lose it silently.
      this.deps.log.error({ platform: 'wecom', msgId: msg.msgId, err: { code: err?.code } }, 'wecom frame not stored (database unavailable)');
      await this.wecom?.respond(f.headers.req_id, { msgtype: 'stream', stream: { id: reqId('stream'), finish: true, content: SOCKET_TEXTS.notStored } }).catch(() => undefined);
    }
  }

  private async onDingtalk(data: string): Promise<void> {
    let msg: IncomingMessage | undefined;
    try {
      msg = decodeDingtalk(data, this.deps.clock.now());
    } catch (err) {
      // A frame we can never decode is acked (resolving), or DingTalk would redeliver it for ever.
      if (err instanceof DingtalkPayloadError) return void this.deps.log.warn({ reason: err.message }, 'dingtalk stream frame refused');
      throw err;
    }
    if (msg) await this.deps.accept(msg); // throws when the database is down: the frame stays unacked
  }

  /** A StandardCard tap (docs/cards.md): taken only for our own card, its own buttons, a member of this corp. */
  private async onDingtalkCard(data: string, f: StreamFrame): Promise<void> {
    const cb = decodeDingtalkCardCallback(data);
    if (!cb) return void this.deps.log.warn({ messageId: f.headers?.messageId }, 'dingtalk card callback refused: not a button tap');
    const verdict = await dingtalkCardTapMessage(this.deps.ds, this.deps.config.dingtalk?.corpId, {
      eventId: String(f.headers?.messageId ?? ''), outTrackId: cb.outTrackId, userId: cb.userId, corpId: cb.corpId, key: keyOfActionId(cb.actionId),
    }, this.deps.clock.now());
    if (!verdict.ok) return void this.deps.log.warn({ messageId: f.headers?.messageId, reason: verdict.reason }, 'dingtalk card callback refused');
    await this.deps.accept(verdict.msg); // throws when the database is down: the frame stays unacked
  }
}
