import WebSocket from 'ws';
import type { Logger } from '../log/logger';

/** What /healthz shows for one long connection. */
export interface ConnectionStatus {
  name: string;
  /** standby: another instance holds the lease; replaced: the platform handed the robot to a newer connection. */
  state: 'starting' | 'standby' | 'connecting' | 'connected' | 'reconnecting' | 'replaced' | 'stopped';
  since: number | null;
  lastFrameAt: number | null;
  connects: number;
  lastError?: string;
}

/** The platform-specific half: where to connect, what to say first, what to do with each frame. */
export interface SocketProtocol {
  /** The URL to open (DingTalk asks its gateway for a fresh ticket each time). */
  url(): Promise<string>;
  onOpen(send: (frame: unknown) => void): void;
  onFrame(text: string, send: (frame: unknown) => void): void;
  /** Application-level heartbeat (WeCom `ping`); without it a WebSocket ping is sent. */
  heartbeat?(send: (frame: unknown) => void): void;
  onClose?(): void;
}

export interface SocketOptions {
  heartbeatMs?: number;
  /**
   * Heartbeats in a row without any frame or pong back before the socket is taken for dead (TCP may not notice
   * for minutes). Counted in heartbeats sent, not in wall time, so a stall of our own event loop is not mistaken for
   * a silent peer. Default 2 (as the WeCom SDK): dead after about 2–3 heartbeat intervals.
   */
  maxMissed?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

/** Exponential back-off with "equal jitter": half fixed, half random, so instances that dropped together spread out. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/**
 * One self-healing WebSocket: connects, heartbeats, notices a silent socket and terminates it, reconnects with
 * back-off and jitter, and closes cleanly on stop. The protocol decides when it counts as connected (markUp).
 */
export class ReconnectingSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private beatTimer: NodeJS.Timeout | null = null;
  private lastSeen = 0;
  private missed = 0;
  private holdUntil = 0;
  private running = false;
  readonly status: ConnectionStatus;
  private readonly heartbeatMs: number;
  private readonly maxMissed: number;

  constructor(name: string, private readonly protocol: SocketProtocol, private readonly log: Logger, private readonly opts: SocketOptions = {}) {
    this.status = { name, state: 'standby', since: null, lastFrameAt: null, connects: 0 };
    this.heartbeatMs = opts.heartbeatMs ?? 30_000;
    this.maxMissed = opts.maxMissed ?? 2;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.set('connecting');
    void this.open();
  }

  /** Closes the socket (code 1000) and stops reconnecting; resolves when it is closed. */
  async stop(state: ConnectionStatus['state'] = 'stopped'): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopBeat();
    const ws = this.ws;
    this.ws = null;
    this.set(state);
    if (!ws) return;
    ws.removeAllListeners('close');
    const closed = new Promise<void>((r) => ws.once('close', () => r()));
    ws.on('error', () => undefined);
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'shutdown');
    else ws.terminate();
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000).unref())]);
    ws.terminate();
    this.protocol.onClose?.();
  }

  /** The protocol saw its handshake succeed (WeCom subscribe ack, DingTalk open): back-off starts over. */
  markUp(): void {
    this.attempt = 0;
    this.status.connects++;
    this.set('connected');
  }

  /** Drops the socket now and reconnects no sooner than `delayMs` (replaced connection, refused credentials). */
  drop(reason: string, opts: { delayMs?: number; state?: ConnectionStatus['state'] } = {}): void {
    this.status.lastError = reason;
    if (opts.delayMs) this.holdUntil = Date.now() + opts.delayMs;
    if (opts.state) this.set(opts.state);
    this.ws?.terminate();
  }

  send(frame: unknown): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) throw Object.assign(new Error('socket not connected'), { code: 'NOT_CONNECTED' });
    this.ws.send(JSON.stringify(frame));
  }

  get connected(): boolean {
    return this.status.state === 'connected' && this.ws?.readyState === WebSocket.OPEN;
  }

  private set(state: ConnectionStatus['state']): void {
    if (this.status.state !== state) this.status.since = Date.now();
    this.status.state = state;
  }

  private async open(): Promise<void> {
    if (!this.running) return;
    let url: string;
    try {
      url = await this.protocol.url();
    } catch (err: any) {
      this.status.lastError = String(err?.message ?? err).slice(0, 200);
      this.log.warn({ connection: this.status.name, err: { message: this.status.lastError } }, 'long connection: endpoint unavailable');
      return this.retry();
    }
    if (!this.running) return;
    const ws = new WebSocket(url, { handshakeTimeout: 10_000, maxPayload: 16 * 1024 * 1024 });
    this.ws = ws;
    const send = (f: unknown) => this.send(f);
    ws.on('open', () => {
      this.lastSeen = Date.now();
      this.missed = 0;
      this.startBeat(send);
      try {
        this.protocol.onOpen(send);
      } catch (err: any) {
        this.drop(String(err?.message ?? err));
      }
    });
    ws.on('message', (data) => {
      const now = Date.now();
      this.lastSeen = now;
      this.missed = 0;
      this.status.lastFrameAt = now;
      try {
        this.protocol.onFrame(data.toString(), send);
      } catch (err: any) {
        this.log.warn({ connection: this.status.name, err: { message: err?.message } }, 'long connection: bad frame');
      }
    });
    ws.on('pong', () => {
      this.lastSeen = Date.now();
      this.missed = 0;
    });
    ws.on('error', (err: any) => {
      this.status.lastError = String(err?.message ?? err).slice(0, 200);
    });
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stopBeat();
      this.protocol.onClose?.();
      if (!this.running) return;
      this.log.warn({ connection: this.status.name, code, reason: this.status.lastError }, 'long connection closed; reconnecting');
      this.retry();
    });
  }

  private retry(): void {
    if (!this.running) return;
    if (this.status.state !== 'replaced') this.set('reconnecting');
    const delay = Math.max(backoffDelay(this.attempt++, this.opts.backoffBaseMs ?? 1_000, this.opts.backoffMaxMs ?? 60_000), this.holdUntil - Date.now());
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.status.state !== 'replaced') this.set('connecting');
      void this.open();
    }, delay);
    this.retryTimer.unref();
  }

  private startBeat(send: (f: unknown) => void): void {
    this.stopBeat();
    this.beatTimer = setInterval(() => {
      const ws = this.ws;
      if (!ws || ws.readyState !== WebSocket.OPEN) return;
      if (this.missed >= this.maxMissed) {
        this.status.lastError = `silent for ${Date.now() - this.lastSeen} ms`;
        this.log.warn({ connection: this.status.name, silentMs: Date.now() - this.lastSeen }, 'long connection silent; terminating');
        ws.terminate();
        return;
      }
      this.missed++;
      try {
        if (this.protocol.heartbeat) this.protocol.heartbeat(send);
        else ws.ping();
      } catch {
        /* the close handler reconnects */
      }
    }, this.heartbeatMs);
    this.beatTimer.unref();
  }

  private stopBeat(): void {
    if (this.beatTimer) clearInterval(this.beatTimer);
    this.beatTimer = null;
  }
}
