// WeCom 智能机器人 long connection (智能机器人长连接, doc 101463; Tencent's SDK WecomTeam/aibot-node-sdk src/ws.ts).
// Frames are JSON {cmd, headers:{req_id}, body}; answers to our requests come back as {headers:{req_id}, errcode, errmsg, body}.
// Spoken directly over `ws` rather than through @wecom/aibot-node-sdk: see src/transports/README in the commit message.
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from '../../log/logger';
import { ReconnectingSocket, type SocketOptions } from '../../transports/socket-connection';

export const WECOM_WS_URL = 'wss://openws.work.weixin.qq.com';

export const WsCmd = {
  SUBSCRIBE: 'aibot_subscribe',
  PING: 'ping',
  RESPOND: 'aibot_respond_msg',
  /** Answer to a template_card_event that replaces the tapped card (SDK updateTemplateCard). */
  RESPOND_UPDATE: 'aibot_respond_update_msg',
  SEND: 'aibot_send_msg',
  UPLOAD_INIT: 'aibot_upload_media_init',
  UPLOAD_CHUNK: 'aibot_upload_media_chunk',
  UPLOAD_FINISH: 'aibot_upload_media_finish',
  MSG_CALLBACK: 'aibot_msg_callback',
  EVENT_CALLBACK: 'aibot_event_callback',
} as const;

export interface WsFrame {
  cmd?: string;
  headers: { req_id: string; [k: string]: unknown };
  body?: any;
  errcode?: number;
  errmsg?: string;
}

/** An answer frame with errcode ≠ 0, or no answer in time. */
export class WecomWsError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export const reqId = (prefix: string) => `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;

/** After WeCom hands the robot to a newer connection, wait this long before trying again (never a storm). */
export const REPLACED_HOLD_MS = 5 * 60_000;
const ACK_TIMEOUT_MS = 5_000;
const CHUNK_BYTES = 512 * 1024;

export interface WecomWsOptions extends SocketOptions {
  url: string;
  botId: string;
  secret: string;
  log: Logger;
  /** A message or event frame; must resolve only after the message is durably stored. */
  onCallback(frame: WsFrame): Promise<void>;
  replacedHoldMs?: number;
  /** Subscribed (again): replies that waited for the socket can go now. */
  onUp?(): void;
}

/** One robot's socket: subscribe, ping, callbacks in, replies/pushes/uploads out, each waiting for its ack. */
export class WecomWsClient {
  readonly socket: ReconnectingSocket;
  private readonly pending = new Map<string, { resolve(f: WsFrame): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  /** Requests on one req_id go one at a time (a reply waits for the ack of the one before). */
  private readonly chains = new Map<string, Promise<unknown>>();
  private subscribeId = '';

  constructor(private readonly opts: WecomWsOptions) {
    this.socket = new ReconnectingSocket('wecom', {
      url: async () => opts.url,
      onOpen: (send) => {
        this.subscribeId = reqId(WsCmd.SUBSCRIBE);
        send({ cmd: WsCmd.SUBSCRIBE, headers: { req_id: this.subscribeId }, body: { bot_id: opts.botId, secret: opts.secret } });
      },
      onFrame: (text) => this.onFrame(JSON.parse(text) as WsFrame),
      heartbeat: (send) => send({ cmd: WsCmd.PING, headers: { req_id: reqId(WsCmd.PING) } }),
      onClose: () => this.failPending('connection closed'),
    }, opts.log, opts);
  }

  start(): void {
    this.socket.start();
  }

  stop(): Promise<void> {
    return this.socket.stop();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Reply to a callback through its frame (aibot_respond_msg with the callback's req_id). */
  respond(callbackReqId: string, body: Record<string, unknown>): Promise<WsFrame> {
    return this.request(WsCmd.RESPOND, body, callbackReqId);
  }

  /** Replace the tapped card: the answer to an aibot_event_callback (template_card_event), within 5 s of it. */
  updateCard(callbackReqId: string, body: Record<string, unknown>): Promise<WsFrame> {
    return this.request(WsCmd.RESPOND_UPDATE, body, callbackReqId);
  }

  /** Proactive message into a chat the robot is in (群 chatid, or a userid for a single chat). */
  sendMessage(chatid: string, body: Record<string, unknown>): Promise<WsFrame> {
    return this.request(WsCmd.SEND, { chatid, ...body });
  }

  /** Temporary media through the channel: init → chunks of ≤ 512 KiB → finish; returns the media_id. */
  async uploadMedia(data: Buffer, type: 'image' | 'file', filename: string): Promise<string> {
    const totalChunks = Math.max(1, Math.ceil(data.length / CHUNK_BYTES));
    const md5 = createHash('md5').update(data).digest('hex');
    const init = await this.request(WsCmd.UPLOAD_INIT, { type, filename, total_size: data.length, total_chunks: totalChunks, md5 });
    const uploadId = init.body?.upload_id;
    if (typeof uploadId !== 'string' || !uploadId) throw new WecomWsError('BAD_RESPONSE', 'upload init returned no upload_id');
    for (let i = 0; i < totalChunks; i++) {
      const chunk = data.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES);
      await this.request(WsCmd.UPLOAD_CHUNK, { upload_id: uploadId, chunk_index: i, base64_data: chunk.toString('base64') });
    }
    const done = await this.request(WsCmd.UPLOAD_FINISH, { upload_id: uploadId });
    const mediaId = done.body?.media_id;
    if (typeof mediaId !== 'string' || !mediaId) throw new WecomWsError('BAD_RESPONSE', 'upload finish returned no media_id');
    return mediaId;
  }

  private request(cmd: string, body: Record<string, unknown>, id = reqId(cmd)): Promise<WsFrame> {
    const prev = this.chains.get(id) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(() => this.once(cmd, body, id));
    this.chains.set(id, next);
    void next.catch(() => undefined).finally(() => this.chains.get(id) === next && this.chains.delete(id));
    return next;
  }

  private once(cmd: string, body: Record<string, unknown>, id: string): Promise<WsFrame> {
    return new Promise((resolve, reject) => {
      if (!this.socket.connected) return reject(new WecomWsError('NOT_CONNECTED', 'WeCom long connection is not up'));
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new WecomWsError('TIMEOUT', `no ack for ${cmd} within ${ACK_TIMEOUT_MS} ms`));
      }, ACK_TIMEOUT_MS);
      this.pending.set(id, {
        timer,
        resolve: (f) => (f.errcode ? reject(new WecomWsError(String(f.errcode), `${cmd}: ${f.errmsg ?? ''}`.slice(0, 200))) : resolve(f)),
        reject,
      });
      try {
        this.socket.send({ cmd, headers: { req_id: id }, body });
      } catch (err: any) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new WecomWsError('NOT_CONNECTED', String(err?.message ?? err)));
      }
    });
  }

  private onFrame(f: WsFrame): void {
    const id = String(f?.headers?.req_id ?? '');
    if (f.cmd === WsCmd.MSG_CALLBACK || f.cmd === WsCmd.EVENT_CALLBACK) {
      if (f.body?.event?.eventtype === 'disconnected_event') return this.onReplaced();
      void this.opts.onCallback(f).catch((err) => this.opts.log.error({ err: { message: err?.message } }, 'wecom frame not handled'));
      return;
    }
    if (id && id === this.subscribeId) {
      if (f.errcode) {
        // Wrong BotID/Secret: retrying quickly will not fix it; back off to a minute and say so.
        this.opts.log.error({ errcode: f.errcode, errmsg: f.errmsg }, 'WeCom long connection: subscribe refused (check WECOM_BOT_ID / WECOM_BOT_SECRET)');
        this.socket.drop(`subscribe refused: ${f.errcode}`, { delayMs: 60_000 });
      } else {
        this.opts.log.info({ connection: 'wecom' }, 'WeCom long connection subscribed');
        this.socket.markUp();
        this.opts.onUp?.();
      }
      return;
    }
    const waiting = this.pending.get(id);
    if (waiting) {
      clearTimeout(waiting.timer);
      this.pending.delete(id);
      waiting.resolve(f);
    }
  }

  /** disconnected_event: a newer connection for this robot took over. Hold off instead of taking it back at once. */
  private onReplaced(): void {
    const hold = this.opts.replacedHoldMs ?? REPLACED_HOLD_MS;
    this.opts.log.warn({ connection: 'wecom', holdMs: hold }, 'WeCom long connection replaced by a newer one for this robot; retrying later (is another deployment using the same BotID?)');
    this.socket.drop('replaced by a newer connection', { delayMs: hold, state: 'replaced' });
  }

  private failPending(reason: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new WecomWsError('NOT_CONNECTED', reason));
      this.pending.delete(id);
    }
  }
}
