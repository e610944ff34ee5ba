// A local DingTalk Stream server as open-dingtalk/dingtalk-stream-sdk-nodejs talks to it: the gateway
// POST /v1.0/gateway/connections/open (served on the FakePlatform, i.e. DINGTALK_API_BASE) checks clientId/secret and
// returns {endpoint, ticket}; the WebSocket accepts a ticket once; CALLBACK frames on /v1.0/im/bot/messages/get are
// redelivered until acked {code:200, headers:{messageId}}; SYSTEM ping expects the pong echo; SYSTEM disconnect.
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import type { FakePlatform } from './fake-platform';
import { CREDS } from './platform-sim';

interface Pending {
  messageId: string;
  data: string;
  sentAt: number;
  deliveries: number;
  topic?: string;
}

export class FakeDingtalkStream {
  readonly acks: string[] = [];
  /** When each message was first pushed and when it was acked (epoch ms), for latency figures. */
  readonly pushedAt = new Map<string, number>();
  readonly ackedAt = new Map<string, number>();
  readonly pongs: string[] = [];
  gatewayCalls = 0;
  connectionsOpened = 0;
  /** Unacked frames go out again after this long (DingTalk: about 60 s). */
  redeliverMs = 1_000;
  private server: WebSocketServer | null = null;
  private conns: WebSocket[] = [];
  private tickets = new Set<string>();
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  wsUrl = '';

  constructor(private readonly http: FakePlatform, readonly creds = { clientId: CREDS.dingtalk.appKey, clientSecret: CREDS.dingtalk.appSecret }) {}

  async start(): Promise<this> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => this.server!.once('listening', () => r()));
    this.wsUrl = `ws://127.0.0.1:${(this.server.address() as any).port}/connect`;
    this.http.respond((r) => {
      if (r.path !== '/v1.0/gateway/connections/open') return undefined;
      this.gatewayCalls++;
      const b = r.body ?? {};
      const topics = (b.subscriptions ?? []).map((s: any) => `${s.type}:${s.topic}`);
      if (b.clientId !== this.creds.clientId || b.clientSecret !== this.creds.clientSecret) return { status: 401, body: { code: 'InvalidAuthentication', message: 'bad client' } };
      if (!topics.includes('CALLBACK:/v1.0/im/bot/messages/get')) return { status: 400, body: { code: 'invalidParameter.subscriptions' } };
      const ticket = randomBytes(8).toString('hex');
      this.tickets.add(ticket);
      return { body: { endpoint: this.wsUrl, ticket } };
    });
    this.server.on('connection', (ws, req) => {
      const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket') ?? '';
      if (!this.tickets.delete(ticket)) return void ws.close(4001, 'invalid ticket'); // single use
      this.connectionsOpened++;
      this.conns.push(ws);
      ws.on('close', () => (this.conns = this.conns.filter((c) => c !== ws)));
      ws.on('message', (data) => {
        const f = JSON.parse(data.toString());
        const id = String(f?.headers?.messageId ?? '');
        if (f.code === 200 && this.pending.has(id)) {
          this.pending.delete(id);
          this.acks.push(id);
          if (!this.ackedAt.has(id)) this.ackedAt.set(id, Date.now());
        } else if (f.code === 200 && f.headers?.topic === 'ping') this.pongs.push(f.data);
      });
    });
    this.timer = setInterval(() => this.redeliver(), 100);
    return this;
  }

  get openCount(): number {
    return this.conns.filter((c) => c.readyState === WebSocket.OPEN).length;
  }

  /** Pushes a robot message (the HTTP callback body, as a string in `data`); returns its stream messageId. */
  push(body: Record<string, unknown>, topic?: string): string {
    const messageId = `m-${randomBytes(6).toString('hex')}`;
    const p: Pending = { messageId, data: JSON.stringify(body), sentAt: 0, deliveries: 0, topic };
    this.pending.set(messageId, p);
    this.pushedAt.set(messageId, Date.now());
    this.deliver(p);
    return messageId;
  }

  /** The same frame again (what DingTalk does after a timeout or a reconnect). */
  pushAgain(messageId: string, data: string, topic?: string): void {
    const p: Pending = { messageId, data, sentAt: 0, deliveries: 0, topic };
    this.pending.set(messageId, p);
    this.deliver(p);
  }

  ping(): void {
    for (const c of this.conns) c.send(JSON.stringify({ specVersion: '1.0', type: 'SYSTEM', headers: { topic: 'ping', messageId: `p-${randomBytes(3).toString('hex')}`, contentType: 'application/json' }, data: JSON.stringify({ opaque: randomBytes(4).toString('hex') }) }));
  }

  /** SYSTEM disconnect, then the server closes the socket shortly after. */
  disconnect(): void {
    for (const c of this.conns) {
      c.send(JSON.stringify({ specVersion: '1.0', type: 'SYSTEM', headers: { topic: 'disconnect', messageId: 'd', contentType: 'application/json' }, data: '{"reason":"rebalance"}' }));
      setTimeout(() => c.close(), 300);
    }
  }

  dropAll(): void {
    for (const c of this.conns) c.terminate();
  }

  get unacked(): number {
    return this.pending.size;
  }

  deliveriesOf(messageId: string): number {
    return this.pending.get(messageId)?.deliveries ?? -1;
  }

  private deliver(p: Pending): void {
    const open = this.conns.filter((c) => c.readyState === WebSocket.OPEN);
    if (!open.length) return;
    const c = open[Math.floor(Math.random() * open.length)]; // DingTalk spreads frames over an app's connections
    p.sentAt = Date.now();
    p.deliveries++;
    c.send(JSON.stringify({ specVersion: '1.0', type: 'CALLBACK', headers: { appId: 'app', connectionId: 'c', contentType: 'application/json', messageId: p.messageId, time: String(Date.now()), topic: p.topic ?? '/v1.0/im/bot/messages/get' }, data: p.data }));
  }

  private redeliver(): void {
    const now = Date.now();
    for (const p of this.pending.values()) if (now - p.sentAt >= this.redeliverMs) this.deliver(p);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const c of this.conns) c.terminate();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
