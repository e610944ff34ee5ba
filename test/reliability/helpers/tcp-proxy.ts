import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy the test controls, in front of MariaDB: `cut()` drops every connection and refuses new ones
 * (a database that went away), `blackhole()` accepts but never answers (a network partition), `restore()`.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<Socket>();
  private mode: 'up' | 'down' | 'blackhole' = 'up';
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.mode === 'down') return void client.destroy();
      this.pairs.add(client);
      client.on('close', () => this.pairs.delete(client));
      client.on('error', () => undefined);
      if (this.mode === 'blackhole') return; // read and drop, never answer
      const upstream = connect(this.target.port, this.target.host);
      this.pairs.add(upstream);
      upstream.on('close', () => (this.pairs.delete(upstream), client.destroy()));
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server!.address() as any).port;
    return this;
  }

  cut(): void {
    this.mode = 'down';
    for (const s of this.pairs) s.destroy();
  }

  blackhole(): void {
    this.mode = 'blackhole';
    // Established connections stop too: pause both directions without closing them.
    for (const s of this.pairs) {
      s.unpipe();
      s.pause();
    }
  }

  restore(): void {
    // Connections that were black-holed are dead for the client's purposes: drop them so it reconnects.
    if (this.mode === 'blackhole') for (const s of this.pairs) s.destroy();
    this.mode = 'up';
  }

  get connections(): number {
    return this.pairs.size;
  }

  async close(): Promise<void> {
    for (const s of this.pairs) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
