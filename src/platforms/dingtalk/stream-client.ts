// DingTalk Stream mode (open-dingtalk/dingtalk-stream-sdk-nodejs src/client.ts; docs learn/stream/protocol):
// POST {api}/v1.0/gateway/connections/open {clientId, clientSecret, subscriptions} → {endpoint, ticket};
// WebSocket endpoint?ticket=…; frames {specVersion, type: SYSTEM|EVENT|CALLBACK, headers{topic, messageId,…}, data};
// every CALLBACK/EVENT is answered {code:200, headers:{contentType, messageId}, message:'OK', data}, else redelivered.
// Spoken directly over `ws`: the SDK hard-codes the gateway host (no DINGTALK_API_BASE, so no local fake) and logs
// to the console.
import type { Logger } from '../../log/logger';
import { ReconnectingSocket, type SocketOptions } from '../../transports/socket-connection';
import { TOPIC_CARD } from './interactive-card';

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';

export interface StreamFrame {
  specVersion?: string;
  type: 'SYSTEM' | 'EVENT' | 'CALLBACK' | string;
  headers: { topic?: string; messageId?: string; contentType?: string; [k: string]: unknown };
  data: string;
}

export interface DingtalkStreamOptions extends SocketOptions {
  apiBase: string;
  clientId: string;
  clientSecret: string;
  log: Logger;
  /** A robot message; resolve only once it is durably stored (then it is acked); reject to leave it unacked. */
  onRobotMessage(data: string, frame: StreamFrame): Promise<void>;
  /**
   * DINGTALK_CARDS=interactive: also subscribe to the card callback topic (/v1.0/card/instances/callback); a tap is
   * acked once it is stored (or refused), like a robot message.
   */
  onCardCallback?(data: string, frame: StreamFrame): Promise<void>;
}

export class DingtalkStreamClient {
  readonly socket: ReconnectingSocket;

  constructor(private readonly opts: DingtalkStreamOptions) {
    this.socket = new ReconnectingSocket('dingtalk', {
      url: () => this.openGateway(),
      onOpen: () => this.socket.markUp(),
      onFrame: (text, send) => this.onFrame(JSON.parse(text) as StreamFrame, send),
    }, opts.log, opts);
  }

  start(): void {
    this.socket.start();
  }

  stop(): Promise<void> {
    return this.socket.stop();
  }

  /** A fresh endpoint and single-use ticket (valid 90 s) for every connect. */
  private async openGateway(): Promise<string> {
    const res = await fetch(`${this.opts.apiBase.replace(/\/+$/, '')}/v1.0/gateway/connections/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: this.opts.clientId, clientSecret: this.opts.clientSecret, ua: 'campus-safety-bot',
        subscriptions: [{ type: 'CALLBACK', topic: TOPIC_ROBOT }, ...(this.opts.onCardCallback ? [{ type: 'CALLBACK', topic: TOPIC_CARD }] : [])],
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const json: any = await res.json().catch(() => ({}));
    if (!res.ok || typeof json.endpoint !== 'string' || typeof json.ticket !== 'string') {
      throw new Error(`gateway refused: HTTP ${res.status} ${typeof json.code === 'string' ? json.code : ''}`.trim());
    }
    return `${json.endpoint}${json.endpoint.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(json.ticket)}`;
  }

  private onFrame(f: StreamFrame, send: (frame: unknown) => void): void {
    const ack = (data: unknown) => {
      try {
        send({ code: 200, headers: { contentType: 'application/json', messageId: f.headers?.messageId }, message: 'OK', data: JSON.stringify(data) });
      } catch {
        // The socket went away after the message was stored: DingTalk redelivers it and the dedupe makes that a no-op.
      }
    };
    if (f.type === 'SYSTEM') {
      if (f.headers?.topic === 'ping') send({ code: 200, headers: f.headers, message: 'OK', data: f.data });
      // disconnect: the server is about to close this socket (deploys, rebalancing); reconnect at once with a new ticket.
      else if (f.headers?.topic === 'disconnect') this.socket.drop('server asked to disconnect');
      return;
    }
    if (f.type === 'CALLBACK' && f.headers?.topic === TOPIC_ROBOT) {
      // Acked only after the message is stored; if storing fails the frame stays unacked and DingTalk redelivers it.
      void this.opts.onRobotMessage(f.data, f).then(
        () => ack({ response: null }),
        (err) => this.opts.log.warn({ messageId: f.headers?.messageId, err: { code: err?.code, message: err?.message } }, 'stream frame not stored; left unacked for redelivery'),
      );
      return;
    }
    if (f.type === 'CALLBACK' && f.headers?.topic === TOPIC_CARD && this.opts.onCardCallback) {
      // The card itself is updated through the API (PUT interactiveCards) by the tap's answer: the ack carries nothing.
      void this.opts.onCardCallback(f.data, f).then(
        () => ack({ response: {} }),
        (err) => this.opts.log.warn({ messageId: f.headers?.messageId, err: { code: err?.code, message: err?.message } }, 'card callback not stored; left unacked for redelivery'),
      );
      return;
    }
    // Anything else we subscribed to by accident is acknowledged so it is not redelivered forever.
    ack(f.type === 'EVENT' ? { status: 'SUCCESS' } : { response: null });
  }
}
