/**
 * A real OpenAI-compatible HTTP server on localhost for classifier tests: POST
 * /v1/chat/completions answers with whatever the current handler says (content,
 * status, delay). Requests are recorded so tests can assert what was sent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
  temperature?: number;
}

export interface FakeReply {
  status?: number;
  /** Assistant message content (ignored when `raw` is set). */
  content?: string;
  /** Exact response body, for malformed replies. */
  raw?: string;
  delayMs?: number;
}

export type FakeHandler = (body: ChatRequestBody, attempt: number) => FakeReply;

export interface FakeOpenAiServer {
  baseURL: string;
  requests: ChatRequestBody[];
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function completion(model: string, content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });
}

export async function startFakeOpenAi(): Promise<FakeOpenAiServer> {
  const requests: ChatRequestBody[] = [];
  let handler: FakeHandler = () => ({ status: 500, raw: '{"error":{"message":"no handler"}}' });
  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(req)) as ChatRequestBody;
    requests.push(body);
    const reply = handler(body, requests.length);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    const status = reply.status ?? 200;
    const payload =
      reply.raw ?? (status === 200 ? completion(body.model, reply.content ?? '') : JSON.stringify({ error: { message: 'fake error', type: 'server_error' } }));
    res.writeHead(status, { 'content-type': 'application/json' }).end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    setHandler(next) {
      handler = next;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
