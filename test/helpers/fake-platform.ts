import { createServer, type IncomingMessage as Req, type Server } from 'node:http';

export interface Captured {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Req['headers'];
  body: any;
  at: number;
}

type Responder = (req: Captured) => { status?: number; body: unknown; delayMs?: number; raw?: Buffer; contentType?: string } | undefined;

/**
 * A local stand-in for WeCom and DingTalk outbound APIs: records every request and answers like the platform
 * (errcode 0 by default). Tests script failures with `respond`.
 */
export class FakePlatform {
  readonly requests: Captured[] = [];
  private server: Server | null = null;
  private responders: Responder[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        const u = new URL(req.url ?? '/', 'http://x');
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: any = raw;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          /* keep raw */
        }
        const cap: Captured = { method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, body, at: Date.now() };
        this.requests.push(cap);
        let answer: ReturnType<Responder>;
        for (const r of this.responders) if ((answer = r(cap))) break;
        answer ??= this.defaultAnswer(cap);
        if (answer.delayMs) await new Promise((r) => setTimeout(r, answer!.delayMs));
        if (answer.raw) {
          res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'application/octet-stream' });
          res.end(answer.raw);
          return;
        }
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as any).port}`;
    return this;
  }

  respond(r: Responder): void {
    this.responders.unshift(r);
  }

  reset(): void {
    this.requests.length = 0;
    this.responders = [];
  }

  private defaultAnswer(c: Captured): { status?: number; body: unknown; raw?: Buffer } {
    if (c.path === '/v1.0/oauth2/accessToken') return { body: { accessToken: 'fake-dt-token', expireIn: 7200 } };
    if (c.path === '/v1.0/robot/groupMessages/send') return { body: { processQueryKey: 'q1' } };
    if (c.path === '/media/upload') return { body: { errcode: 0, errmsg: 'ok', type: c.query.get('type'), media_id: `@lAfake${this.requests.length}`, created_at: Date.now() } };
    return { body: { errcode: 0, errmsg: 'ok' } };
  }

  /** Requests on a path whose text (markdown/content) contains `needle`. */
  find(path: string, needle?: string): Captured[] {
    return this.requests.filter((r) => r.path === path && (!needle || textOf(r).includes(needle)));
  }

  async waitFor(pred: (r: Captured) => boolean, timeoutMs = 10_000): Promise<Captured> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.requests.find(pred);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`timed out waiting for a request; saw: ${this.requests.map((r) => r.path).join(', ')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** The human-readable text of any captured push, whatever the platform's envelope. */
export function textOf(r: Captured): string {
  const b = r.body ?? {};
  if (typeof b === 'string') return b;
  const parts = [b.markdown?.content, b.markdown?.text, b.text?.content, b.actionCard?.text, b.msgParam];
  return parts.filter(Boolean).join('\n');
}
