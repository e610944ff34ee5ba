import { Agent, request } from 'node:http';

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Path and query, e.g. "/webhooks/wecom?msg_signature=…". */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
}

export type RawResponse = { status: number; body: string; ms: number } | { status: 0; error: string; ms: number };

/** A keep-alive client that sends exactly the bytes it is given (invalid UTF-8, odd headers, no content-type). */
export class RawClient {
  readonly agent: Agent;
  constructor(readonly base: string, maxSockets = 16) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(r: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
    const u = new URL(this.base);
    const t0 = performance.now();
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, 'utf8');
    const headers: Record<string, string> = { ...(r.headers ?? {}) };
    if (body && !r.chunked) headers['content-length'] = String(body.length);
    if (r.chunked) headers['transfer-encoding'] = 'chunked';
    return new Promise((resolve) => {
      let settled = false;
      const done = (v: RawResponse) => {
        if (!settled) (settled = true), resolve(v);
      };
      const req = request(
        { host: u.hostname, port: u.port, method: r.method, path: r.path, headers, agent: this.agent, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
          res.on('error', (e) => done({ status: 0, error: String((e as any).code ?? e.message), ms: performance.now() - t0 }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('client timeout')));
      req.on('error', (e) => done({ status: 0, error: String((e as any).code ?? e.message), ms: performance.now() - t0 }));
      if (body && r.chunked) {
        for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
        req.end();
      } else req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `tasks` with at most `n` in flight, in order of the array. */
export async function pool<T, R>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i], i);
    }),
  );
  return out;
}
