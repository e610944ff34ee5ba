// A local WeCom 智能机器人 long-connection server speaking doc 101463 as WecomTeam/aibot-node-sdk talks to it:
// aibot_subscribe {bot_id, secret} → {headers:{req_id}, errcode:0}; ping → ack; aibot_msg_callback frames out;
// aibot_respond_msg (only with a req_id this connection received), aibot_send_msg, upload init/chunk/finish in.
// One connection per robot: a newer subscribe gets the old one a disconnected_event, then the old one is closed.
import { createHash, randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';

export interface WsOut {
  cmd: string;
  reqId: string;
  body: any;
  at: number;
  conn: number;
}

interface Conn {
  id: number;
  ws: WebSocket;
  subscribed: boolean;
  reqIds: Set<string>;
}

export class FakeWecomWs {
  readonly out: WsOut[] = [];
  readonly uploads = new Map<string, Buffer>();
  subscribes = 0;
  refusedSubscribes = 0;
  pings = 0;
  /** Stop answering anything (a silent socket behind a dead NAT). */
  silent = false;
  private server: WebSocketServer | null = null;
  private conns: Conn[] = [];
  private seq = 0;
  private uploadsInFlight = new Map<string, { chunks: Buffer[]; total: number; md5: string }>();
  url = '';

  constructor(readonly botId = 'aibot-test', readonly secret = 'aibot-secret-for-tests') {}

  async start(): Promise<this> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => this.server!.once('listening', () => r()));
    this.url = `ws://127.0.0.1:${(this.server.address() as any).port}`;
    this.server.on('connection', (ws) => {
      const conn: Conn = { id: ++this.seq, ws, subscribed: false, reqIds: new Set() };
      this.conns.push(conn);
      ws.on('close', () => (this.conns = this.conns.filter((c) => c !== conn)));
      ws.on('message', (data) => this.onFrame(conn, JSON.parse(data.toString())));
    });
    return this;
  }

  private ack(conn: Conn, reqId: string, extra: Record<string, unknown> = {}, errcode = 0): void {
    conn.ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg: errcode ? 'error' : 'ok', ...extra }));
  }

  private onFrame(conn: Conn, f: any): void {
    if (this.silent) return;
    const reqId = String(f?.headers?.req_id ?? '');
    switch (f.cmd) {
      case 'aibot_subscribe': {
        if (f.body?.bot_id !== this.botId || f.body?.secret !== this.secret) {
          this.refusedSubscribes++;
          return this.ack(conn, reqId, {}, 40058);
        }
        this.subscribes++;
        for (const old of this.conns.filter((c) => c !== conn && c.subscribed)) {
          old.subscribed = false;
          old.ws.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: `evt_${randomBytes(4).toString('hex')}` }, body: {
            msgid: `dis-${randomBytes(4).toString('hex')}`, create_time: Math.floor(Date.now() / 1000), aibotid: this.botId, msgtype: 'event', event: { eventtype: 'disconnected_event' },
          } }));
          setTimeout(() => old.ws.close(), 50);
        }
        conn.subscribed = true;
        return this.ack(conn, reqId);
      }
      case 'ping':
        this.pings++;
        return this.ack(conn, reqId);
      case 'aibot_respond_msg':
        if (!conn.reqIds.has(reqId)) return this.ack(conn, reqId, {}, 846605); // invalid req_id on this connection
        this.out.push({ cmd: f.cmd, reqId, body: f.body, at: Date.now(), conn: conn.id });
        return this.ack(conn, reqId);
      case 'aibot_respond_update_msg':
        // The answer to a template_card_event: only on the event's own req_id (doc 101463 更新模板卡片消息).
        if (!conn.reqIds.has(reqId)) return this.ack(conn, reqId, {}, 846605);
        this.out.push({ cmd: f.cmd, reqId, body: f.body, at: Date.now(), conn: conn.id });
        return this.ack(conn, reqId);
      case 'aibot_send_msg':
        this.out.push({ cmd: f.cmd, reqId, body: f.body, at: Date.now(), conn: conn.id });
        return this.ack(conn, reqId);
      case 'aibot_upload_media_init': {
        const id = `up-${randomBytes(4).toString('hex')}`;
        this.uploadsInFlight.set(id, { chunks: [], total: Number(f.body.total_chunks), md5: f.body.md5 });
        return this.ack(conn, reqId, { body: { upload_id: id } });
      }
      case 'aibot_upload_media_chunk': {
        const u = this.uploadsInFlight.get(f.body.upload_id);
        if (!u) return this.ack(conn, reqId, {}, 40001);
        u.chunks[Number(f.body.chunk_index)] = Buffer.from(f.body.base64_data, 'base64');
        return this.ack(conn, reqId);
      }
      case 'aibot_upload_media_finish': {
        const u = this.uploadsInFlight.get(f.body.upload_id);
        if (!u) return this.ack(conn, reqId, {}, 40001);
        const data = Buffer.concat(u.chunks);
        if (createHash('md5').update(data).digest('hex') !== u.md5) return this.ack(conn, reqId, {}, 40002);
        const mediaId = `media-${randomBytes(4).toString('hex')}`;
        this.uploads.set(mediaId, data);
        return this.ack(conn, reqId, { body: { type: 'image', media_id: mediaId, created_at: String(Date.now()) } });
      }
      default:
        return this.ack(conn, reqId, {}, 40008);
    }
  }

  get subscribedCount(): number {
    return this.conns.filter((c) => c.subscribed).length;
  }

  get openCount(): number {
    return this.conns.length;
  }

  /** A group @-mention as WeCom pushes it to the subscribed connection; returns the frame's req_id. */
  message(p: { msgid: string; chatid: string; userid: string; text?: string; imageUrl?: string; aeskey?: string }): string {
    const conn = this.conns.find((c) => c.subscribed);
    if (!conn) throw new Error('no subscribed connection');
    const reqId = `cb_${randomBytes(6).toString('hex')}`;
    conn.reqIds.add(reqId);
    const body: any = { msgid: p.msgid, aibotid: this.botId, chatid: p.chatid, chattype: 'group', from: { userid: p.userid }, create_time: Math.floor(Date.now() / 1000) };
    if (p.imageUrl) Object.assign(body, { msgtype: 'image', image: { url: p.imageUrl, aeskey: p.aeskey } });
    else Object.assign(body, { msgtype: 'text', text: { content: `@安全助手 ${p.text ?? ''}` } });
    conn.ws.send(JSON.stringify({ cmd: 'aibot_msg_callback', headers: { req_id: reqId }, body }));
    return reqId;
  }

  /** A tap on a button_interaction card, as WeCom pushes it (aibot_event_callback, template_card_event); returns the req_id. */
  cardEvent(p: { msgid: string; chatid: string; userid: string; eventKey: string; taskId: string }): string {
    const conn = this.conns.find((c) => c.subscribed);
    if (!conn) throw new Error('no subscribed connection');
    const reqId = `evt_${randomBytes(6).toString('hex')}`;
    conn.reqIds.add(reqId);
    const body = {
      msgid: p.msgid, create_time: Math.floor(Date.now() / 1000), aibotid: this.botId, chatid: p.chatid, chattype: 'group', from: { userid: p.userid }, msgtype: 'event',
      event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: p.eventKey, task_id: p.taskId } },
    };
    conn.ws.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: reqId }, body }));
    return reqId;
  }

  /** Drops every connection without a close frame (network loss). */
  dropAll(): void {
    for (const c of this.conns) c.ws.terminate();
  }

  /** A newer connection for the robot appeared somewhere else: the current one gets disconnected_event. */
  replaceFromElsewhere(): void {
    for (const c of this.conns.filter((x) => x.subscribed)) {
      c.subscribed = false;
      c.ws.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: 'evt_x' }, body: { msgid: 'dis', aibotid: this.botId, msgtype: 'event', event: { eventtype: 'disconnected_event' } } }));
      setTimeout(() => c.ws.close(), 50);
    }
  }

  /** Text answers (stream replies and markdown pushes) whose content contains `needle`. */
  texts(needle = ''): WsOut[] {
    return this.out.filter((o) => {
      const t = o.body?.stream?.content ?? o.body?.markdown?.content ?? '';
      return (o.body?.msgtype === 'stream' || o.body?.msgtype === 'markdown') && t.includes(needle);
    });
  }

  async waitFor<T>(fn: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = fn();
      if (v) return v;
      if (Date.now() > end) throw new Error(`FakeWecomWs: timed out; out=${JSON.stringify(this.out.map((o) => o.cmd))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    for (const c of this.conns) c.ws.terminate();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

export const textOfWs = (o: WsOut): string => o.body?.stream?.content ?? o.body?.markdown?.content ?? '';
