import { createServer, type Server } from 'node:http';

/**
 * A local OpenAI-compatible /chat/completions endpoint: `ok` answers a valid classification (the first item
 * the request offers), `hang` never answers, `fail` answers HTTP 500.
 */
export class FakeModel {
  mode: 'ok' | 'hang' | 'fail' = 'ok';
  calls = 0;
  readonly authHeaders: string[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        this.calls++;
        this.authHeaders.push(String(req.headers.authorization ?? ''));
        if (this.mode === 'hang') return; // the socket stays open until the client gives up
        if (this.mode === 'fail') {
          res.writeHead(500, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ error: { message: 'model overloaded', type: 'server_error' } }));
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const item = body.response_format?.json_schema?.schema?.properties?.item?.enum?.[0] ?? 'fire.exit';
        const answer = { item, risk: 'yellow', majorRule: null, location: null, isHazard: true, confidence: 0.9 };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          id: 'cmpl-1', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model,
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(answer) } }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as any).port}/v1`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
