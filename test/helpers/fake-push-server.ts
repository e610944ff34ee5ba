// A real HTTP server on 127.0.0.1:<random port> standing in for qyapi.weixin.qq.com / api.dingtalk.com /
// oapi.dingtalk.com: it records every request and answers from a per-path script, so push clients are
// tested over real sockets (house-style: never a monkey-patched fetch).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and raw query exactly as sent. */
  url: string;
  path: string;
  /** Raw query string without '?', as sent (to check percent-encoding). */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export interface ScriptedResponse {
  status?: number;
  json?: unknown;
  /** Raw body (wins over json). */
  body?: string;
  delayMs?: number;
  /** Never answer (timeout tests). */
  hang?: boolean;
}
export type Responder = ScriptedResponse | ((req: RecordedRequest) => ScriptedResponse);

export interface FakePushServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queue answers for a path; each is used once, in order. */
  script(path: string, ...responses: Responder[]): void;
  /** Answer for a path once its queue is empty (default: 200 {"errcode":0,"errmsg":"ok"}). */
  fallback(path: string, response: Responder): void;
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakePushServer(): Promise<FakePushServer> {
  const requests: RecordedRequest[] = [];
  const queues = new Map<string, Responder[]>();
  const fallbacks = new Map<string, Responder>();

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? '', url, path, rawQuery, query: new URLSearchParams(rawQuery), headers: req.headers, body, json,
    };
    requests.push(recorded);

    const responder = queues.get(path)?.shift() ?? fallbacks.get(path) ?? { json: { errcode: 0, errmsg: 'ok' } };
    const r = typeof responder === 'function' ? responder(recorded) : responder;
    if (r.hang) return;
    if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
    const payload = r.body ?? (r.json === undefined ? '' : JSON.stringify(r.json));
    res.writeHead(r.status ?? 200, { 'content-type': r.body ? 'text/html' : 'application/json; charset=utf-8' });
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    script(path, ...responses) {
      queues.set(path, [...(queues.get(path) ?? []), ...responses]);
    },
    fallback(path, response) {
      fallbacks.set(path, response);
    },
    requestsTo: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
